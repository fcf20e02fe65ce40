import { describe, expect, it } from 'vitest';
import { parseCommandLine, ShellError } from './tokenize.ts';

describe('parseCommandLine (POSIX shell word splitting)', () => {
  it('splits on blanks and keeps quoted text as one word', () => {
    expect(parseCommandLine(`kubectl patch rs web -p '{"a": "b c"}'`).words).toEqual([
      'kubectl',
      'patch',
      'rs',
      'web',
      '-p',
      '{"a": "b c"}',
    ]);
  });

  it('expands escapes inside double quotes and a backslash outside quotes', () => {
    expect(parseCommandLine('kubectl get "a\\"b" c\\ d').words).toEqual(['kubectl', 'get', 'a"b', 'c d']);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(parseCommandLine(`kubectl get -l app='web'`).words).toEqual(['kubectl', 'get', '-l', 'app=web']);
  });

  it('drops a trailing comment', () => {
    expect(parseCommandLine('kubectl get pods # list them').words).toEqual(['kubectl', 'get', 'pods']);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCommandLine(`kubectl get 'pods`)).toThrow(ShellError);
  });

  it('reads a heredoc as stdin and stops at its delimiter', () => {
    const c = parseCommandLine("kubectl apply -f - <<'EOF'\nkind: A\nEOF\nignored");
    expect(c.words).toEqual(['kubectl', 'apply', '-f', '-']);
    expect(c.stdin).toBe('kind: A');
  });

  it('fails on a heredoc without its delimiter', () => {
    expect(() => parseCommandLine('kubectl apply -f - <<EOF\nkind: A')).toThrow(/here-document/);
  });

  it('takes pasted lines after the command as stdin when there is no heredoc', () => {
    const c = parseCommandLine('kubectl apply -f -\napiVersion: v1\nkind: ConfigMap');
    expect(c.stdin).toBe('apiVersion: v1\nkind: ConfigMap');
  });

  it('joins a line ended by a backslash with the next', () => {
    expect(parseCommandLine('kubectl get \\\npods').words).toEqual(['kubectl', 'get', 'pods']);
  });
});
