/**
 * A transcript of a recorded call or video, as Teams and Zoom save one (WebVTT, `.vtt`) or as captions are
 * kept (SubRip, `.srt`): blocks of a time, a line of timing and what was said, Teams' speakers in voice
 * tags ("<v Jo Smith>…</v>"). Laid out as written, a reader wades through cue numbers, "-->" lines and
 * tags to find who said what; here each thing said is a line of when, who and what, a paragraph for each
 * turn of speaking. Nothing said is left out: only the timing's end, the cue's name and its styling.
 */

export interface TranscriptLine {
  /** When it was said, from the start of the recording: "00:03:07". */
  at: string;
  /** Who said it, when the transcript names them. */
  speaker: string | null;
  text: string;
}

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s+-->\s+(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}/;

/** The file's lines said, or null when it is not a transcript (no "WEBVTT" start and no cue timings). */
export function readTranscript(text: string): TranscriptLine[] | null {
  const webVtt = /^\ufeff?WEBVTT(?:[ \t]|$)/m.test(text.slice(0, 16));
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  const lines: TranscriptLine[] = [];
  for (const block of blocks) {
    const rows = block.split('\n').filter((row) => row.trim() !== '');
    const timing = rows.findIndex((row) => TIMING.test(row));
    // A cue's timing is its first or second row (after its name or number); other blocks are the header, notes
    // and styles.
    if (timing < 0 || timing > 1) continue;
    const words = rows.slice(timing + 1).join('\n');
    const { speaker, text: said } = voiceOf(words);
    if (!said) continue;
    lines.push({ at: clockTime(TIMING.exec(rows[timing])![1]), speaker, text: said });
  }
  // Not one cue, or a text file that mentions a timing once: laid out as it is.
  if (lines.length === 0 || (!webVtt && lines.length < 2)) return null;
  return lines;
}

/** "1:02:03.456" or "02:03,456" as "01:02:03". */
function clockTime(time: string): string {
  const parts = time.split(/[.,]/)[0].split(':').map(Number);
  while (parts.length < 3) parts.unshift(0);
  return parts.map((n) => String(n).padStart(2, '0')).join(':');
}

/** A cue's words without their tags, and the speaker its first voice tag names. */
function voiceOf(words: string): { speaker: string | null; text: string } {
  const voice = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(words);
  const text = decodeEntities(words.replace(/<[^>\n]*>/g, ''))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  return { speaker: voice ? decodeEntities(voice[1]).trim() : null, text };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: ' ',
  lrm: '\u200e',
  rlm: '\u200f',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, name: string) => ENTITIES[name]);
}

/**
 * The transcript as text to lay out: "00:03:07 Jo Smith: …", one line for each thing said, a blank line
 * where the speaker changes (or, with no speakers named, between lines more than a minute apart).
 */
export function transcriptText(lines: TranscriptLine[]): string {
  const seconds = (at: string) => at.split(':').reduce((total, n) => total * 60 + Number(n), 0);
  return lines
    .map((line, i) => {
      const before = lines[i - 1];
      const turn =
        before &&
        (line.speaker !== before.speaker ||
          (line.speaker === null && seconds(line.at) - seconds(before.at) > 60));
      return `${turn ? '\n' : ''}${line.at} ${line.speaker ? `${line.speaker}: ` : ''}${line.text}`;
    })
    .join('\n');
}
