/**
 * Registers the bug labs' teaching controllers a world's params ask for, and only those: a world whose
 * params leave them 'off' has exactly the controllers (and so the trace) it had before they existed.
 */
import type { Controller } from '../../client/controller.ts';
import { createClaimCleanupController } from './claim-cleanup.ts';
import { createCloudMachineController } from './cloud-machines.ts';
import { createGitopsSyncController } from './gitops-sync.ts';
import { createMockCloud, type MockCloud } from './mock-cloud.ts';
import { createNaiveAutoscalerController } from './naive-autoscaler.ts';
import type { TeachingDeps, Variant } from './teaching-deps.ts';
import { createWebAppOperator, type OperatorToggles } from './webapp-operator.ts';

export interface TeachingParams {
  gitopsSync: 'off' | Variant;
  naiveAutoscaler: 'off' | Variant;
  naiveAutoscalerDeadtime: number;
  claimCleanup: 'off' | Variant;
  cloudMachines: 'off' | Variant;
  cloudPanics: number;
  webappOperator: 'off' | 'on';
  operatorWriteOrder: OperatorToggles['writeOrder'];
  operatorSelectBy: OperatorToggles['selectBy'];
  operatorExpectations: OperatorToggles['expectations'];
  operatorCrashes: number;
}

export interface TeachingControllers {
  /** BL-03's cloud, when its controller runs: the VMs a panel (or a test) can show. */
  cloud: MockCloud | undefined;
}

export function createTeachingControllers(
  deps: TeachingDeps,
  params: TeachingParams,
  add: (c: Controller) => void,
): TeachingControllers {
  if (params.gitopsSync !== 'off') add(createGitopsSyncController(deps, params.gitopsSync));
  if (params.naiveAutoscaler !== 'off')
    add(createNaiveAutoscalerController(deps, params.naiveAutoscaler, params.naiveAutoscalerDeadtime));
  if (params.claimCleanup !== 'off') add(createClaimCleanupController(deps, params.claimCleanup));
  let cloud: MockCloud | undefined;
  if (params.cloudMachines !== 'off') {
    cloud = createMockCloud();
    add(createCloudMachineController(deps, params.cloudMachines, cloud, params.cloudPanics));
  }
  if (params.webappOperator === 'on') {
    const toggles: OperatorToggles = {
      writeOrder: params.operatorWriteOrder,
      selectBy: params.operatorSelectBy,
      expectations: params.operatorExpectations,
    };
    add(createWebAppOperator(deps, toggles, params.operatorCrashes));
  }
  return { cloud };
}
