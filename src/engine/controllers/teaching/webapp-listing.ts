/**
 * Lesson L12's code pane: the Go-flavoured Reconcile of the teaching WebApp operator, whose lines follow the
 * three choices the learner toggles, and which of those lines each `ctx.step` name stands for.
 */
import type { OperatorToggles } from './webapp-operator.ts';

export interface WebAppListing {
  /** Where the pattern comes from upstream. */
  source: string;
  lines: readonly string[];
  /** Step name (as the reconcile passes to ctx.step) → 1-based listing lines. */
  steps: Readonly<Record<string, readonly number[]>>;
}

/** Step names the operator passes to ctx.step, in the order a reconcile meets them. */
export const WEBAPP_STEPS = {
  fetch: 'fetch',
  record: 'record credentials name',
  createCredentials: 'create credentials',
  expectations: 'expectations',
  list: 'list children',
  createPods: 'create pods',
  deletePods: 'delete pods',
  status: 'record status',
} as const;

type Line = readonly [text: string, step?: string];

export function webAppListing(t: OperatorToggles): WebAppListing {
  const S = WEBAPP_STEPS;
  const credentials: Line[] =
    t.writeOrder === 'record-first'
      ? [
          [
            '  if app.Status.CredentialsRef == "" { // record the intent first: the name, before the Secret',
            S.record,
          ],
          ['    app.Status.CredentialsRef = app.Name + "-credentials-" + rand.String(5)', S.record],
          [
            '    if err := r.Status().Update(ctx, app); err != nil { return ctrl.Result{}, err } // 409 if stale',
            S.record,
          ],
          ['  }'],
          [
            '  err := r.Create(ctx, credentialsNamed(app.Status.CredentialsRef)) // a retry finds it: AlreadyExists',
            S.createCredentials,
          ],
          [
            '  if err != nil && !apierrors.IsAlreadyExists(err) { return ctrl.Result{}, err }',
            S.createCredentials,
          ],
        ]
      : [
          ['  if app.Status.CredentialsRef == "" { // act first, record after', S.createCredentials],
          [
            '    secret := credentialsFor(app) // GenerateName: app.Name + "-credentials-"',
            S.createCredentials,
          ],
          [
            '    if err := r.Create(ctx, secret); err != nil { return ctrl.Result{}, err }',
            S.createCredentials,
          ],
          ['    // a crash here forgets secret.Name: the retry creates another one', S.createCredentials],
          ['    app.Status.CredentialsRef = secret.Name', S.record],
          ['    if err := r.Status().Update(ctx, app); err != nil { return ctrl.Result{}, err }', S.record],
          ['  }'],
        ];
  const expectations: Line[] =
    t.expectations === 'on'
      ? [
          [
            '  if !r.expectations.SatisfiedExpectations(key) { // creates/deletes not seen in the cache yet',
            S.expectations,
          ],
          ['    return ctrl.Result{}, nil // their watch events will wake us', S.expectations],
          ['  }'],
        ]
      : [['  // no expectations: whatever the cache shows is taken as the truth', S.expectations]];
  const select: Line[] =
    t.selectBy === 'uid'
      ? [
          [
            '  pods := r.podsControlledBy(app.UID) // ownerReferences[].uid == app.UID, controller: true',
            S.list,
          ],
        ]
      : [['  pods := r.podsMatching(client.MatchingLabels{"app": app.Spec.App}) // anyone\'s Pods', S.list]];
  const body: Line[] = [
    ['func (r *WebAppReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {'],
    [
      '  app := &WebApp{} // a ConfigMap labelled lab.reconcile.dev/webapp stands in for the custom resource',
      S.fetch,
    ],
    [
      '  if err := r.Get(ctx, req.NamespacedName, app); err != nil { return ctrl.Result{}, client.IgnoreNotFound(err) }',
      S.fetch,
    ],
    ...credentials,
    ...expectations,
    ...select,
    ['  diff := app.Spec.Replicas - len(active(pods))', S.list],
    [
      `  if diff > 0 { ${t.expectations === 'on' ? 'r.expectations.ExpectCreations(key, diff); ' : ''}create diff Pods with a controller ownerReference }`,
      S.createPods,
    ],
    [
      `  if diff < 0 { ${t.expectations === 'on' ? 'r.expectations.ExpectDeletions(key, -diff); ' : ''}delete -diff of pods (not ready, newest first) }`,
      S.deletePods,
    ],
    ['  app.Status.ReadyReplicas = countReady(pods)', S.status],
    ['  return ctrl.Result{}, r.Status().Patch(ctx, app, client.MergeFrom(orig))', S.status],
    ['}'],
  ];
  const steps: Record<string, number[]> = {};
  body.forEach(([, step], i) => {
    if (step === undefined) return;
    (steps[step] ??= []).push(i + 1);
  });
  return {
    source:
      'controller-runtime book "Implementing a controller" (kubebuilder), kubernetes pkg/controller/controller_utils.go ControllerExpectations',
    lines: body.map(([text]) => text),
    steps,
  };
}
