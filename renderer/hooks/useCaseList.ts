import { call } from '../api';
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract';
import { useLoad, type Loaded } from './useLoad';

/** Contract methods that list a case's records: input `{ caseId }`, output an array. */
type CaseListMethod = {
  [M in MethodName]: { caseId: number } extends InputOf<M>
    ? InputOf<M> extends { caseId: number }
      ? OutputOf<M> extends unknown[]
        ? M
        : never
      : never
    : never;
}[MethodName];

/** A case's records of one kind (witnesses, recommendations, parties, orders…), loaded and reloadable. */
export function useCaseList<M extends CaseListMethod>(name: M, caseId: number): Loaded<OutputOf<M>> {
  return useLoad(() => call(name, { caseId } as InputOf<M>), [name, caseId]);
}
