import { escapeControls } from '../../shared/text/controls';
import { ApiError } from '../../shared/api/errors';
import { APPEAL_TYPES, CaseFields, USER_ROLES, type Case } from '../../shared/domain/case';
import { DEFAULT_PART_SIZE_MB } from '../../shared/bundle/delivery';
import { isDisabilityClaim } from '../../shared/rules/proceedings';
import {
  EXIT_OK,
  printJson,
  UsageError,
  withApi,
  type CliIO,
  parseCaseId,
  parseCommandArgs,
  type Command,
} from '../io';
import { ARCHIVE_USAGE, caseExport, caseImport } from './archive';

const FIELD_OPTIONS = {
  title: { type: 'string' },
  role: { type: 'string' },
  'appeal-type': { type: 'string' },
  'decision-date': { type: 'string' },
  'mediation-certificate-date': { type: 'string' },
  'registered-date': { type: 'string' },
  'hearing-date': { type: 'string' },
  'child-name': { type: 'string' },
  'la-name': { type: 'string' },
  'responsible-body': { type: 'string' },
  'tribunal-ref': { type: 'string' },
  'conduct-date': { type: 'string' },
  'conduct-end-date': { type: 'string' },
  'conciliation-date': { type: 'string' },
  'phase-transfer-date': { type: 'string' },
  'phase-transfer': { type: 'string' },
  'annual-review-date': { type: 'string' },
  extended: { type: 'boolean' },
  'no-extended': { type: 'boolean' },
  numbering: { type: 'string' },
  'part-size': { type: 'string' },
} as const;

const USAGE = `Usage:
  send-bundle case new --title T --role parent|la|clerk --appeal-type TYPE [fields]
  send-bundle case list
  send-bundle case show ID
  send-bundle case set ID [fields]
${ARCHIVE_USAGE}

Fields: --decision-date YYYY-MM-DD  --mediation-certificate-date YYYY-MM-DD  --registered-date YYYY-MM-DD
        --hearing-date YYYY-MM-DD  --child-name N  --la-name N  --tribunal-ref R  --extended | --no-extended
        --numbering continuous|section  --part-size MB (largest email part; "none": the default, 20 MB)
        An appeal about an EHC plan: --phase-transfer-date YYYY-MM-DD --phase-transfer school|post-16|between-post-16
        --annual-review-date YYYY-MM-DD
        A disability discrimination claim: --responsible-body N (the school's governing body or proprietor)
        --conduct-date YYYY-MM-DD (the date of the conduct complained of;
        the same fact as --decision-date)  --conduct-end-date YYYY-MM-DD (the conduct continued until)
        --conciliation-date YYYY-MM-DD (the dispute was referred for conciliation)
        Give "none" for a date to clear it.
Appeal types: ${APPEAL_TYPES.join(', ')}`;

type FieldValues = {
  [K in keyof typeof FIELD_OPTIONS]?: (typeof FIELD_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

function partSize(value: string): number {
  const mb = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(mb))
    throw new UsageError(`--part-size takes a whole number of megabytes, such as 20, not "${value}".`);
  return mb;
}

function fieldsFromOptions(values: FieldValues): Partial<CaseFields> {
  if (values.role !== undefined && !(USER_ROLES as readonly string[]).includes(values.role)) {
    throw new ApiError(
      'invalid-input',
      `Unknown role "${values.role}". Use one of: ${USER_ROLES.join(', ')}.`,
    );
  }
  if (
    values['appeal-type'] !== undefined &&
    !(APPEAL_TYPES as readonly string[]).includes(values['appeal-type'])
  ) {
    throw new ApiError(
      'invalid-input',
      `Unknown appeal type "${values['appeal-type']}". Use one of: ${APPEAL_TYPES.join(', ')}.`,
    );
  }
  if (values['la-name'] !== undefined && values['responsible-body'] !== undefined)
    throw new UsageError('Give --la-name (an appeal) or --responsible-body (a claim), not both.');
  if (values['conduct-date'] !== undefined && values['decision-date'] !== undefined)
    throw new UsageError('Give --conduct-date or --decision-date, not both: they are the same fact.');
  const date = (value: string | undefined) => (value === 'none' ? null : value);
  const fields: Record<string, unknown> = {
    title: values.title,
    role: values.role,
    appealType: values['appeal-type'],
    decisionDate: date(values['decision-date'] ?? values['conduct-date']),
    mediationCertificateDate: date(values['mediation-certificate-date']),
    registeredDate: date(values['registered-date']),
    hearingDate: date(values['hearing-date']),
    conductEndDate: date(values['conduct-end-date']),
    conciliationDate: date(values['conciliation-date']),
    phaseTransferDate: date(values['phase-transfer-date']),
    phaseTransferKind: values['phase-transfer'] === 'none' ? null : values['phase-transfer'],
    annualReviewDate: date(values['annual-review-date']),
    childName: values['child-name'],
    laName: values['la-name'] ?? values['responsible-body'],
    tribunalRef: values['tribunal-ref'],
    numbering: values.numbering,
    partSizeMb:
      values['part-size'] === undefined
        ? undefined
        : values['part-size'] === 'none'
          ? null
          : partSize(values['part-size']),
    extended: values.extended ? true : values['no-extended'] ? false : undefined,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return CaseFields.partial().parse(fields);
}

function printCase(io: CliIO, c: Case): void {
  const claim = isDisabilityClaim(c.appealType);
  type Line = [label: string, value: string | null];
  const rows: Line[] = [
    ['Case', `${c.id}: ${c.title}${c.archived ? ' (archived)' : ''}`],
    ['Your role', c.role],
    [claim ? 'Claim' : 'Appeal type', c.appealType],
    ['Child or young person', c.childName],
    ...(claim
      ? ([
          ['Responsible body', c.laName],
          ['Conduct complained of', c.decisionDate],
          ['Conduct continued until', c.conductEndDate],
          ['Referred for conciliation', c.conciliationDate],
        ] satisfies Line[])
      : ([
          ['Local authority', c.laName],
          ['Decision date', c.decisionDate],
          ['Mediation certificate', c.mediationCertificateDate],
        ] satisfies Line[])),
    ['Tribunal reference', c.tribunalRef],
    ['Registered', c.registeredDate],
    ['Hearing', c.hearingDate],
    ...(claim
      ? []
      : ([
          ['Extended appeal', c.extended ? 'yes' : 'no'],
          [
            'Phase transfer',
            c.phaseTransferDate
              ? `${c.phaseTransferDate} (${c.phaseTransferKind ?? 'kind not given'})`
              : null,
          ],
          ['Annual review meeting', c.annualReviewDate],
        ] satisfies Line[])),
    ['Page numbers', c.numbering],
    [
      'Email parts',
      `up to ${c.partSizeMb ?? DEFAULT_PART_SIZE_MB} MB each${c.partSizeMb ? '' : ' (the default)'}`,
    ],
  ];
  // A space at least between the longest label and its value.
  const width = Math.max(24, ...rows.map(([label]) => label.length + 1));
  for (const [label, value] of rows) io.out(`${label.padEnd(width)}${value ?? '-'}`);
}

export const caseCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'new': {
        const { values } = parseCommandArgs(rest, FIELD_OPTIONS, false);
        const missing = (['title', 'role', 'appeal-type'] as const).filter((k) => values[k] === undefined);
        if (missing.length)
          throw new UsageError(`case new needs ${missing.map((m) => `--${m}`).join(', ')}.`);
        const fields = CaseFields.parse(fieldsFromOptions(values));
        const created = await withApi(globals, (api) => api.call('cases.create', fields));
        if (globals.json) printJson(io, created);
        else io.out(String(created.id));
        return EXIT_OK;
      }
      case 'list': {
        const { values } = parseCommandArgs(rest, { all: { type: 'boolean' } }, false);
        const list = await withApi(globals, (api) => api.call('cases.list', { includeArchived: values.all }));
        if (globals.json) printJson(io, list);
        else if (list.length === 0) io.out('No cases yet. Create one with: send-bundle case new --help');
        else
          for (const c of list)
            io.out(
              `${c.id}\t${escapeControls(c.title)}\t${c.appealType}\t${c.documentCount} documents, ${c.pageCount} pages`,
            );
        return EXIT_OK;
      }
      case 'show': {
        const { positionals } = parseCommandArgs(rest, {});
        const id = parseCaseId(positionals[0], 'case show 3');
        const found = await withApi(globals, (api) => api.call('cases.get', { caseId: id }));
        if (globals.json) printJson(io, found);
        else printCase(io, found);
        return EXIT_OK;
      }
      case 'set': {
        const { values, positionals } = parseCommandArgs(rest, FIELD_OPTIONS);
        const id = parseCaseId(positionals[0], 'case show 3');
        const fields = fieldsFromOptions(values);
        if (Object.keys(fields).length === 0)
          throw new UsageError('case set needs at least one field to change.');
        const updated = await withApi(globals, (api) => api.call('cases.update', { caseId: id, fields }));
        if (globals.json) printJson(io, updated);
        else printCase(io, updated);
        return EXIT_OK;
      }
      case 'export':
        return caseExport(rest, globals, io);
      case 'import':
        return caseImport(rest, globals, io);
      default:
        throw new UsageError(
          sub ? `Unknown case command "${sub}".` : 'case needs a command: new, list, show or set.',
        );
    }
  },
};
