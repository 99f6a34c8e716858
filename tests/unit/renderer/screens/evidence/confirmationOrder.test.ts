/**
 * The order the Evidence screen asks for new documents' details: the files just added first, in the order
 * they were added (an email, then the files taken out of it), then those left unconfirmed before.
 */
import { describe, expect, it } from 'vitest';
import { confirmationOrder } from '../../../../../renderer/screens/evidence/confirmationOrder';

const ids = (list: { id: number }[]) => list.map((d) => d.id);
const docs = (...list: number[]) => list.map((id) => ({ id }));

describe('confirmationOrder', () => {
  it('asks first for the files just added, in the order they were added, then older ones newest first', () => {
    // 3 and 5 were left unconfirmed earlier; 8, 9, 10: an email and the two files attached to it.
    expect(ids(confirmationOrder(docs(3, 5, 8, 9, 10), [8, 9, 10]))).toEqual([8, 9, 10, 5, 3]);
  });

  it('leaves out those just added whose details are already confirmed, and goes newest first before any import', () => {
    expect(ids(confirmationOrder(docs(3, 5, 9), [8, 9]))).toEqual([9, 5, 3]);
    expect(ids(confirmationOrder(docs(3, 5), []))).toEqual([5, 3]);
  });
});
