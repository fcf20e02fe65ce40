/**
 * Bug lab BL-03, a crash between the cloud create and recording its id duplicates VMs: a teaching
 * infrastructure controller for "InfraMachines" (ConfigMaps labelled `lab.reconcile.dev/infra-machine`,
 * standing in for an AWSMachine) that creates one VM per InfraMachine in a mock cloud and records its id in
 * data.providerID.
 *
 * The controller panics right after RunInstances the first `panics` times (the crash of
 * kubernetes-sigs/cluster-api-provider-aws#5794: "After every restart, the Machine controller created a new
 * EC2 instance"). controller-runtime recovers the panic and requeues with backoff; either way the id of the
 * VM it just created was only in memory.
 * - buggy: `if providerID == "" { create }`: every retry creates another VM (CAPA #173: "We aren't tagging or
 *   looking up instances by tag, so we end up creating a new one each iteration").
 * - fixed: the VM is tagged with the InfraMachine's UID and looked up by that tag before any create (CAPA #53,
 *   idempotent create; PR #2957), so a retry finds the VM it lost and records it.
 */
import { createController, type Controller } from '../../client/controller.ts';
import type { Reconcile } from '../../client/reconciler.ts';
import type { MockCloud } from './mock-cloud.ts';
import { LAB_PREFIX, type TeachingDeps, type Variant } from './teaching-deps.ts';

export const CLOUD_MACHINE_CONTROLLER = 'cloud-machine-controller';
export const INFRA_MACHINE_LABEL = `${LAB_PREFIX}infra-machine`;
/** The tag the fixed controller puts on each VM: the owning object's UID. */
export const MACHINE_UID_TAG = 'reconcile-lab/machine-uid';
/** The step name the trace shows for each cloud create: bug labs count these (one per VM). */
export const RUN_INSTANCES_STEP = 'cloud RunInstances';
const CONFIGMAPS = 'configmaps';

export function createCloudMachineController(
  deps: TeachingDeps,
  variant: Variant,
  cloud: MockCloud,
  panics: number,
): Controller {
  let panicsLeft = panics;

  const reconcile: Reconcile = function* (req, ctx) {
    yield ctx.step('fetch');
    const im = ctx.cache(CONFIGMAPS).get(req.namespace, req.name);
    if (!im || im.metadata.labels?.[INFRA_MACHINE_LABEL] !== 'true') return;
    const data = (im.data ?? {}) as Record<string, string>;
    // CAPA PR #2957: an InfraMachine that already has a providerID never gets a new instance.
    if (data.providerID) return;
    const uid = im.metadata.uid!;
    let vmId: string | undefined;
    if (variant === 'fixed') {
      yield ctx.step('cloud DescribeInstances by tag');
      vmId = cloud.findByTag(MACHINE_UID_TAG, uid)[0]?.id;
    }
    if (vmId === undefined) {
      yield ctx.step(RUN_INSTANCES_STEP);
      vmId = cloud.runInstances(variant === 'fixed' ? { [MACHINE_UID_TAG]: uid } : {}).id;
      ctx.log(`${req.key}: RunInstances → ${vmId}`);
      if (panicsLeft > 0) {
        panicsLeft--;
        // A Go nil-pointer dereference: the runner reports it as "panic: … [recovered]" and retries.
        throw new TypeError('runtime error: invalid memory address or nil pointer dereference');
      }
    }
    yield ctx.step('record providerID');
    yield* ctx.client.patch(CONFIGMAPS, req.namespace, req.name, 'merge', {
      data: { providerID: `aws:///us-east-1a/${vmId}` },
      metadata: { labels: { [`${LAB_PREFIX}provisioned`]: 'true' } },
    });
    return;
  };

  return createController(deps.sim, {
    name: CLOUD_MACHINE_CONTROLLER,
    forResource: CONFIGMAPS,
    profile: deps.profile,
    reconciler: reconcile,
    informerFactory: deps.informerFactory,
    api: deps.api,
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
}
