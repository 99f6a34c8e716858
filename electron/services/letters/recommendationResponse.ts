/**
 * How a commissioner's answer to one recommendation is kept in the recommendation's `response_text`,
 * so it can be typed once (in the app or with `send-bundle recommendation respond`) and reused by the
 * response letter:
 *
 *   Steps:
 *   - 2026-05-01: Refer Sam to the community speech and language therapy service
 *   Reasons:
 *   Why part of the recommendation will not be followed …
 *
 * Text that is neither a dated step nor under "Reasons:" is kept as a general explanation.
 */
import { isIsoDate } from '../../../shared/dates';

export interface ResponseStep {
  action: string;
  by: string;
}

interface ParsedResponse {
  steps: ResponseStep[];
  reasons: string[];
  explanation: string[];
}

const STEP = /^\s*[-*•]?\s*(\d{4}-\d{2}-\d{2})\s*[:–—-]\s*(.+?)\s*$/;

function paragraphs(lines: string[]): string[] {
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

export function parseResponseText(text: string | null | undefined): ParsedResponse {
  const steps: ResponseStep[] = [];
  const reasons: string[] = [];
  const other: string[] = [];
  let mode: 'none' | 'steps' | 'reasons' = 'none';
  for (const line of (text ?? '').split(/\r?\n/)) {
    if (/^\s*steps\s*:\s*$/i.test(line)) {
      mode = 'steps';
      continue;
    }
    if (/^\s*reasons\s*:\s*$/i.test(line)) {
      mode = 'reasons';
      continue;
    }
    const step = mode !== 'reasons' ? STEP.exec(line) : null;
    if (step && isIsoDate(step[1])) steps.push({ by: step[1], action: step[2] });
    else if (mode === 'reasons') reasons.push(line);
    else other.push(line);
  }
  return { steps, reasons: paragraphs(reasons), explanation: paragraphs(other) };
}

export function formatResponseText(response: Partial<ParsedResponse>): string {
  const parts: string[] = [];
  if (response.explanation?.length) parts.push(response.explanation.join('\n\n'));
  if (response.steps?.length)
    parts.push(['Steps:', ...response.steps.map((s) => `- ${s.by}: ${s.action}`)].join('\n'));
  if (response.reasons?.length) parts.push(['Reasons:', response.reasons.join('\n\n')].join('\n'));
  return parts.join('\n\n');
}
