import { ApiError } from '../../shared/api/errors';
import { APPEAL_TYPES, CaseFields, USER_ROLES, type Case } from '../../shared/domain/types';
import {
  EXIT_OK,
  printJson,
  UsageError,
  withServices,
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
  'tribunal-ref': { type: 'string' },
  extended: { type: 'boolean' },
  'no-extended': { type: 'boolean' },
  numbering: { type: 'string' },
} as const;

const USAGE = `Usage:
  send-bundle case new --title T --role parent|la|clerk --appeal-type TYPE [fields]
  send-bundle case list
  send-bundle case show ID
  send-bundle case set ID [fields]
${ARCHIVE_USAGE}

Fields: --decision-date YYYY-MM-DD  --mediation-certificate-date YYYY-MM-DD  --registered-date YYYY-MM-DD
        --hearing-date YYYY-MM-DD  --child-name N  --la-name N  --tribunal-ref R  --extended | --no-extended
        --numbering continuous|section
Appeal types: ${APPEAL_TYPES.join(', ')}`;

type FieldValues = {
  [K in keyof typeof FIELD_OPTIONS]?: (typeof FIELD_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

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
  const fields: Record<string, unknown> = {
    title: values.title,
    role: values.role,
    appealType: values['appeal-type'],
    decisionDate: values['decision-date'],
    mediationCertificateDate: values['mediation-certificate-date'],
    registeredDate: values['registered-date'],
    hearingDate: values['hearing-date'],
    childName: values['child-name'],
    laName: values['la-name'],
    tribunalRef: values['tribunal-ref'],
    numbering: values.numbering,
    extended: values.extended ? true : values['no-extended'] ? false : undefined,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return CaseFields.partial().parse(fields);
}

function printCase(io: CliIO, c: Case): void {
  const rows: [string, unknown][] = [
    ['Case', `${c.id}: ${c.title}${c.archived ? ' (archived)' : ''}`],
    ['Your role', c.role],
    ['Appeal type', c.appealType],
    ['Child or young person', c.childName],
    ['Local authority', c.laName],
    ['Tribunal reference', c.tribunalRef],
    ['Decision date', c.decisionDate],
    ['Mediation certificate', c.mediationCertificateDate],
    ['Registered', c.registeredDate],
    ['Hearing', c.hearingDate],
    ['Extended appeal', c.extended ? 'yes' : 'no'],
    ['Page numbers', c.numbering],
  ];
  for (const [label, value] of rows) io.out(`${label.padEnd(24)}${value ?? '-'}`);
}

export const caseCommand: Command = {
  summary: 'create, list, show and change cases',
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
        const created = await withServices(globals, (s) => s.cases.create(fields));
        if (globals.json) printJson(io, created);
        else io.out(String(created.id));
        return EXIT_OK;
      }
      case 'list': {
        const { values } = parseCommandArgs(rest, { all: { type: 'boolean' } }, false);
        const list = await withServices(globals, (s) => s.cases.list({ includeArchived: values.all }));
        if (globals.json) printJson(io, list);
        else if (list.length === 0) io.out('No cases yet. Create one with: send-bundle case new --help');
        else
          for (const c of list)
            io.out(
              `${c.id}\t${c.title}\t${c.appealType}\t${c.documentCount} documents, ${c.pageCount} pages`,
            );
        return EXIT_OK;
      }
      case 'show': {
        const { positionals } = parseCommandArgs(rest, {});
        const id = parseCaseId(positionals[0], 'case show 3');
        const found = await withServices(globals, (s) => s.cases.get(id));
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
        const updated = await withServices(globals, (s) => s.cases.update(id, fields));
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
