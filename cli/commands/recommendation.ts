import { ApiError } from '../../shared/api/errors';
import { formatLongDate, isIsoDate } from '../../shared/dates';
import {
  RecommendationDecision,
  RecommendationFields,
  type Recommendation,
} from '../../shared/domain/caseRecords';
import {
  formatResponseText,
  parseResponseText,
} from '../../electron/services/letters/recommendationResponse';
import {
  EXIT_OK,
  parseCaseId,
  parseCommandArgs,
  parseId,
  printJson,
  UsageError,
  withApi,
  type CliIO,
  type Command,
} from '../io';

const USAGE = `Usage:
  send-bundle recommendation add ID --area health|social-care --text TEXT --made YYYY-MM-DD
                                    [--tribunal-due YYYY-MM-DD] [--responder NAME]
                                    [--decision-sent YYYY-MM-DD [--count-from made|sent]]
      record a recommendation the tribunal made (its commissioner must respond within 5 weeks from
      the date of the recommendation; --count-from sent counts from the date the decision was sent,
      where the tribunal says so)
  send-bundle recommendation list ID
  send-bundle recommendation respond ID REC --decision will-follow|will-follow-in-part|will-not-follow
                                    [--step "YYYY-MM-DD: what will be done"]… [--reasons TEXT]…
                                    [--explanation TEXT] [--responded YYYY-MM-DD]
      record the commissioner's decision on recommendation REC; the response letters use it.
      --responded marks the response as sent (the deadline is then done).`;

function printRecommendation(io: CliIO, r: Recommendation): void {
  io.out(
    `${r.id}\t${r.area}\tmade ${formatLongDate(r.madeDate)}${r.decisionSentDate ? `\tdecision sent ${formatLongDate(r.decisionSentDate)}${r.countFrom === 'sent' ? ' (5 weeks from this date)' : ''}` : ''}${r.tribunalDueDate ? `\tresponse due ${r.tribunalDueDate}` : ''}`,
  );
  io.out(`\t${r.text}`);
  if (r.decision)
    io.out(`\tdecision: ${r.decision}${r.respondedDate ? `, responded ${r.respondedDate}` : ''}`);
  if (r.responseText) for (const line of r.responseText.split('\n')) io.out(`\t  ${line}`);
}

export const recommendationCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'add': {
        const { values, positionals } = parseCommandArgs(rest, {
          area: { type: 'string' },
          text: { type: 'string' },
          made: { type: 'string' },
          'tribunal-due': { type: 'string' },
          responder: { type: 'string' },
          'decision-sent': { type: 'string' },
          'count-from': { type: 'string' },
        });
        const caseId = parseCaseId(positionals[0]);
        const missing = (['area', 'text', 'made'] as const).filter((k) => !values[k]);
        if (missing.length)
          throw new UsageError(`recommendation add needs ${missing.map((m) => `--${m}`).join(', ')}.`);
        if (values['count-from'] !== undefined && !['made', 'sent'].includes(values['count-from']))
          throw new ApiError(
            'invalid-input',
            `--count-from must be made (the date of the recommendation) or sent (the date the decision was sent); got "${values['count-from']}".`,
          );
        if (values.area !== 'health' && values.area !== 'social-care')
          throw new ApiError('invalid-input', `--area must be health or social-care (got "${values.area}").`);
        const fields = RecommendationFields.parse({
          area: values.area,
          text: values.text,
          madeDate: values.made,
          tribunalDueDate: values['tribunal-due'] ?? null,
          responder: values.responder ?? null,
          decisionSentDate: values['decision-sent'] ?? null,
          countFrom: values['count-from'] ?? 'made',
        });
        const saved = await withApi(globals, (api) => api.call('recommendations.save', { caseId, fields }));
        if (globals.json) printJson(io, saved);
        else io.out(String(saved.id));
        return EXIT_OK;
      }
      case 'list': {
        const { positionals } = parseCommandArgs(rest, {});
        const caseId = parseCaseId(positionals[0]);
        const list = await withApi(globals, (api) => api.call('recommendations.list', { caseId }));
        if (globals.json) printJson(io, list);
        else if (list.length === 0) io.out('No recommendations recorded.');
        else list.forEach((r) => printRecommendation(io, r));
        return EXIT_OK;
      }
      case 'respond': {
        const { values, positionals } = parseCommandArgs(rest, {
          decision: { type: 'string' },
          step: { type: 'string', multiple: true },
          reasons: { type: 'string', multiple: true },
          explanation: { type: 'string', multiple: true },
          responded: { type: 'string' },
        });
        const caseId = parseCaseId(positionals[0]);
        const recId = parseId(positionals[1], 'Give the recommendation number.');
        const decision = RecommendationDecision.safeParse(values.decision);
        if (!decision.success)
          throw new UsageError(
            'recommendation respond needs --decision will-follow, will-follow-in-part or will-not-follow.',
          );
        const steps = (values.step ?? []).map((raw) => {
          const parsed = parseResponseText(`- ${raw.trim()}`).steps[0];
          if (!parsed)
            throw new ApiError(
              'invalid-input',
              `--step must start with a date: "YYYY-MM-DD: what will be done" (got "${raw}").`,
            );
          return parsed;
        });
        if (values.responded !== undefined && !isIsoDate(values.responded))
          throw new ApiError('invalid-input', '--responded must be a date in the form YYYY-MM-DD.');
        const saved = await withApi(globals, async (api) => {
          const list = await api.call('recommendations.list', { caseId });
          const current = list.find((r) => r.id === recId);
          if (!current) throw new ApiError('not-found', 'That recommendation is not in this case.');
          return api.call('recommendations.save', {
            caseId,
            recommendationId: recId,
            fields: {
              ...current,
              decision: decision.data,
              responseText: formatResponseText({
                steps,
                reasons: values.reasons ?? [],
                explanation: values.explanation ?? [],
              }),
              respondedDate: values.responded ?? current.respondedDate,
            },
          });
        });
        if (globals.json) printJson(io, saved);
        else printRecommendation(io, saved);
        return EXIT_OK;
      }
      default:
        throw new UsageError(
          sub
            ? `Unknown recommendation command "${sub}".`
            : 'recommendation needs a command: add, list or respond.',
        );
    }
  },
};
