/**
 * A cloud provider's instance API, outside the cluster: nothing in it is a Kubernetes object, so a VM the
 * controller forgets about is invisible to the cluster (a leak only the cloud bill shows). Ids are sequential,
 * so a run is deterministic. Modelled on EC2 RunInstances / DescribeInstances with tag filters, which
 * cluster-api-provider-aws uses to find an instance again (kubernetes-sigs/cluster-api-provider-aws#173).
 */
export interface CloudVm {
  id: string;
  /** The tags it was created with; the fixed controller tags each VM with its Machine's UID. */
  tags: Readonly<Record<string, string>>;
}

export interface MockCloud {
  runInstances(tags: Record<string, string>): CloudVm;
  /** DescribeInstances with a tag filter: every VM carrying the tag with that value, oldest first. */
  findByTag(key: string, value: string): CloudVm[];
  vms(): readonly CloudVm[];
}

export function createMockCloud(): MockCloud {
  const vms: CloudVm[] = [];
  return {
    runInstances(tags) {
      const vm = { id: `i-${String(vms.length + 1).padStart(8, '0')}`, tags: { ...tags } };
      vms.push(vm);
      return vm;
    },
    findByTag: (key, value) => vms.filter((vm) => vm.tags[key] === value),
    vms: () => vms,
  };
}
