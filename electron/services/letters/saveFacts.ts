/**
 * Facts typed into a letter go back to the case, so the next letter (and the bundle's cover) has them
 * without asking again: the writer's contact details on their party record, the appellant's address,
 * and case facts the set-up left empty. Case facts already given are never overwritten by a letter;
 * contact details are, because the newest ones typed are the ones to use.
 */
import type { Party, PartyFields, PartyKind } from '../../../shared/domain/caseRecords';
import type { CaseFields, UserRole } from '../../../shared/domain/case';
import type { CaseService } from '../cases';
import type { ServiceContext } from '../context';
import type { LetterTemplate } from './templates';

type Facts = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const lines = (v: unknown): string | null =>
  Array.isArray(v) ? text(v.filter((l) => typeof l === 'string' && l.trim()).join('\n')) : text(v);

/** Which party fact each letter fact fills: the name only when missing, the rest always. */
interface PartyFacts {
  name?: string | null;
  roleTitle?: string | null;
  organisation?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
}

/**
 * Whose party record the writer's details go on. The requests to the tribunal are written by either party
 * (their `writer` is the parent's, but an LA officer makes them too): in a case the LA runs, the one
 * writing is the LA's officer, and their address and email must not become the appellant's.
 */
function writerKind(template: LetterTemplate, role: UserRole): PartyKind {
  if (template.writer !== 'parent') return template.writer;
  return role === 'la' ? 'la' : 'appellant';
}

export function saveLetterFactsToCase(
  ctx: ServiceContext,
  cases: CaseService,
  caseId: number,
  template: LetterTemplate,
  facts: Facts,
): void {
  const current = cases.get(caseId);
  const parties = cases.listParties(caseId);

  const byKind = new Map<PartyKind, PartyFacts>();
  const add = (kind: PartyKind, found: PartyFacts) => {
    const known = Object.fromEntries(Object.entries(found).filter(([, v]) => v));
    if (Object.keys(known).length) byKind.set(kind, { ...byKind.get(kind), ...known });
  };
  add(writerKind(template, current.role), {
    name: text(facts.officerName) ?? text(facts.requesterName),
    roleTitle: text(facts.officerRole),
    organisation: text(facts.commissionerOrganisation),
    email: text(facts.officerEmail) ?? text(facts.requesterEmail),
    phone: text(facts.officerPhone),
    address: lines(facts.commissionerAddress) ?? lines(facts.requesterAddress),
  });
  add('appellant', { name: text(facts.appellantName), address: lines(facts.appellantAddress) });
  // The LA's party is its officer (named in the set-up); the council's name is their organisation.
  add('la', { organisation: text(facts.laName), address: lines(facts.laAddress) });

  ctx.db.transaction(() => {
    for (const [kind, found] of byKind) {
      const party: Party | undefined = parties.find((p) => p.kind === kind);
      const { name, ...contact } = found;
      if (!party && !name) continue;
      const fields: PartyFields = {
        kind,
        name: party?.name ?? name!,
        organisation: contact.organisation ?? party?.organisation ?? null,
        roleTitle: contact.roleTitle ?? party?.roleTitle ?? null,
        email: contact.email ?? party?.email ?? null,
        phone: contact.phone ?? party?.phone ?? null,
        address: contact.address ?? party?.address ?? null,
      };
      const changed =
        !party ||
        (Object.keys(fields) as (keyof PartyFields)[]).some(
          (k) => (party[k] ?? null) !== (fields[k] ?? null),
        );
      if (changed) cases.saveParty(caseId, party?.id, fields);
    }

    const blanks: Partial<CaseFields> = {};
    const fill = (key: 'childName' | 'tribunalRef' | 'laName', value: string | null) => {
      if (value && !current[key]) blanks[key] = value;
    };
    fill('childName', text(facts.childName));
    fill('tribunalRef', text(facts.tribunalRef));
    fill('laName', text(facts.laName));
    if (Object.keys(blanks).length) cases.update(caseId, blanks);
  })();
}
