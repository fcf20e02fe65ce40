/**
 * What the console's shell does before kubectl runs: split the command line into words with POSIX shell
 * quoting ('…' literal, "…" with \" \\ \$ \` escapes, a backslash outside quotes escapes the next character),
 * join lines ended by a backslash, and take what follows the command line as kubectl's stdin: a heredoc
 * (`<<EOF` … `EOF`) or, without one, every pasted line after the first.
 */

export class ShellError extends Error {}

export interface CommandLine {
  words: string[];
  /** The text kubectl reads from stdin (`-f -`); empty when nothing was pasted. */
  stdin: string;
}

interface Tokens {
  words: string[];
  heredoc?: string;
}

function tokenizeLine(line: string): Tokens {
  const words: string[] = [];
  let heredoc: string | undefined;
  let cur = '';
  let inWord = false;
  let expectHeredoc = false;
  const end = () => {
    if (!inWord) return;
    if (expectHeredoc) {
      heredoc = cur;
      expectHeredoc = false;
    } else words.push(cur);
    cur = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      end();
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new ShellError("unexpected EOF while looking for matching `''");
      cur += line.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j]!;
        const next = line[j + 1];
        if (d === '\\' && next !== undefined && '"\\$`'.includes(next)) {
          cur += next;
          j++;
        } else cur += d;
      }
      if (j >= line.length) throw new ShellError('unexpected EOF while looking for matching `"\'');
      i = j;
    } else if (c === '\\') {
      const next = line[i + 1];
      if (next !== undefined) cur += next;
      inWord = true;
      i++;
    } else if (c === '<' && line[i + 1] === '<' && !inWord) {
      i += line[i + 2] === '-' ? 2 : 1;
      expectHeredoc = true;
    } else if (c === '#' && !inWord) {
      break;
    } else {
      cur += c;
      inWord = true;
    }
  }
  end();
  if (expectHeredoc) throw new ShellError("syntax error near unexpected token `newline'");
  return heredoc === undefined ? { words } : { words, heredoc };
}

/** Splits console input into the command's words and its stdin. Throws ShellError on bad quoting. */
export function parseCommandLine(input: string): CommandLine {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  let command = '';
  let i = first;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith('\\') && !line.endsWith('\\\\')) {
      command += line.slice(0, -1);
      continue;
    }
    command += line;
    i++;
    break;
  }
  const { words, heredoc } = tokenizeLine(command);
  const rest = lines.slice(i);
  if (heredoc === undefined) return { words, stdin: rest.join('\n').trim() === '' ? '' : rest.join('\n') };
  const stop = rest.findIndex((l) => l.trim() === heredoc);
  if (stop < 0) throw new ShellError(`here-document delimited by end-of-file (wanted \`${heredoc}')`);
  return { words, stdin: rest.slice(0, stop).join('\n') };
}
