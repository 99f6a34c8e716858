/** Call and video transcripts (WebVTT, SubRip) read for their pages (electron/services/documents/transcript.ts). */
import { describe, expect, it } from 'vitest';
import { readTranscript, transcriptText } from '../../../../../electron/services/documents/transcript';

describe('readTranscript', () => {
  it("reads Teams' transcript: who said what and when, without cue names, timings' ends or tags", () => {
    const teams = [
      '\ufeffWEBVTT',
      '',
      'NOTE recorded in Microsoft Teams --> not a cue',
      '',
      '3f1c2a4e-77b1-4c1d-9a55-2f7d0f0e1a11/12-0',
      '00:00:03.510 --> 00:00:07.300',
      '<v Jo Smith (SENCO)>Sam has had a TA at lunch since September,</v>',
      '',
      '3f1c2a4e-77b1-4c1d-9a55-2f7d0f0e1a11/12-1',
      '00:00:07.300 --> 00:00:09.120',
      '<v Jo Smith (SENCO)>but only three days a week.</v>',
      '',
      '3f1c2a4e-77b1-4c1d-9a55-2f7d0f0e1a11/15-0',
      '01:02:09.000 --> 01:02:12.000 align:start',
      '<v.loud Priya Patel>That is not what section F says &amp; we',
      'have it in &lt;writing&gt;.</v>',
      '',
    ].join('\r\n');
    const lines = readTranscript(teams);
    expect(lines).toEqual([
      { at: '00:00:03', speaker: 'Jo Smith (SENCO)', text: 'Sam has had a TA at lunch since September,' },
      { at: '00:00:07', speaker: 'Jo Smith (SENCO)', text: 'but only three days a week.' },
      {
        at: '01:02:09',
        speaker: 'Priya Patel',
        text: 'That is not what section F says & we have it in <writing>.',
      },
    ]);
    expect(transcriptText(lines!)).toBe(
      '00:00:03 Jo Smith (SENCO): Sam has had a TA at lunch since September,\n' +
        '00:00:07 Jo Smith (SENCO): but only three days a week.\n' +
        '\n01:02:09 Priya Patel: That is not what section F says & we have it in <writing>.',
    );
  });

  it("reads Zoom's and SubRip's, whose speakers are in their words, a paragraph after each pause of over a minute", () => {
    const zoom =
      'WEBVTT\n\n1\n00:00:02.490 --> 00:00:04.560\nJo Smith: Hello everyone.\n\n2\n00:03:10.000 --> 00:03:12.000\nPriya Patel: Thank you.\n';
    expect(transcriptText(readTranscript(zoom)!)).toBe(
      '00:00:02 Jo Smith: Hello everyone.\n\n00:03:10 Priya Patel: Thank you.',
    );
    const srt =
      '1\n00:00:01,000 --> 00:00:04,000\nThe panel met on\n12 March.\n\n2\n00:00:05,250 --> 00:00:06,000\nSam joined.\n';
    expect(transcriptText(readTranscript(srt)!)).toBe(
      '00:00:01 The panel met on 12 March.\n00:00:05 Sam joined.',
    );
  });

  it('leaves a text file that is no transcript as it is', () => {
    expect(readTranscript('Notes\n\n00:00:01,000 --> 00:00:04,000 is how subtitles are timed.\n')).toBeNull();
    expect(readTranscript('WEBVTT\n\nNOTE nothing was said\n')).toBeNull();
    expect(readTranscript('Meeting notes: Sam was upset.\n')).toBeNull();
  });
});
