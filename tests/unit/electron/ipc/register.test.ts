/** IPC registration (electron/ipc/register.ts) with a fake ipcMain and the real router and services. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../electron/ipc/handlers';
import { createOperations } from '../../../../electron/host/operations';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../../../../electron/ipc/register';
import { createRouter } from '../../../../electron/ipc/router';
import { createSenderCheck } from '../../../../electron/shell/sender';
import { CANCEL_CHANNEL, channelFor, METHOD_NAMES, PROGRESS_CHANNEL } from '../../../../shared/api/contract';
import { ERROR_CODES } from '../../../../shared/api/errors';
import { tempServices } from '../../../helpers/context';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    on: (channel, listener) => void listeners.set(channel, listener),
  };
  return { ipcMain, handlers, listeners };
}

let t: ReturnType<typeof tempServices>;
let fake: ReturnType<typeof fakeIpcMain>;
let sent: { channel: string; args: unknown[] }[];
const logged: unknown[] = [];
let trusted: IpcEventLike;
let untrusted: IpcEventLike;

beforeEach(() => {
  t = tempServices();
  fake = fakeIpcMain();
  sent = [];
  const sender = { id: 1, send: (channel: string, ...args: unknown[]) => sent.push({ channel, args }) };
  trusted = { sender, senderFrame: { url: 'app://app/index.html' } };
  untrusted = { sender: { id: 2, send: sender.send }, senderFrame: { url: 'app://app/index.html' } };
  registerIpc(
    fake.ipcMain,
    createOperations(createRouter(createHandlers(t.services), (e) => logged.push(e))),
    {
      isTrustedSender: createSenderCheck(() => 1),
    },
  );
});
afterEach(() => t.dispose());

function isEnvelope(value: unknown): boolean {
  const v = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v?.ok === true) return 'value' in v;
  return (
    v?.ok === false &&
    (ERROR_CODES as readonly string[]).includes(String(v.error?.code)) &&
    typeof v.error?.message === 'string' &&
    v.error.message.length > 0
  );
}

describe('IPC registration', () => {
  it('registers one channel per contract method, plus cancel', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelFor).sort());
    expect([...fake.listeners.keys()]).toEqual([CANCEL_CHANNEL]);
  });

  it('answers malformed payloads on every channel with a typed error envelope, never an exception', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const payloads: unknown[] = [
      undefined,
      null,
      42,
      'a string',
      [],
      [1, 2],
      { input: 'x' },
      { input: null },
      { input: [] },
      { input: { caseId: 'one' } },
      { input: { caseId: -1, documentId: 1.5 } },
      { input: { caseId: Number.MAX_SAFE_INTEGER + 2 } },
      { input: { title: 'x'.repeat(100_000) } },
      { input: JSON.parse('{"__proto__": {"polluted": true}, "caseId": 1}') },
      { input: cyclic },
      { input: {}, operationId: { not: 'a string' } },
      { input: {}, operationId: 'x'.repeat(10_000) },
    ];
    const label = (payload: unknown) => {
      try {
        return String(JSON.stringify(payload)).slice(0, 60);
      } catch {
        return 'cyclic object';
      }
    };
    for (const name of METHOD_NAMES) {
      const handler = fake.handlers.get(channelFor(name))!;
      for (const payload of payloads) {
        let result: unknown;
        await expect(
          (async () => {
            result = await handler(trusted, payload);
          })(),
          `${name} ${label(payload)}`,
        ).resolves.toBeUndefined();
        expect(isEnvelope(result), `${name} ${label(payload)} → ${label(result)}`).toBe(true);
      }
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('gives a plain-English invalid-input error naming the field', async () => {
    const result = (await fake.handlers.get(channelFor('cases.get'))!(trusted, {
      input: { caseId: 'one' },
    })) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.message).toMatch(/"caseId"/);
  });

  it('refuses untrusted senders without running anything', async () => {
    const create = fake.handlers.get(channelFor('cases.create'))!;
    const input = { title: 'From a frame', role: 'parent', appealType: 'refusal-to-assess' };
    for (const event of [
      untrusted,
      { sender: trusted.sender, senderFrame: { url: 'https://evil.example/' } },
      { sender: trusted.sender, senderFrame: { url: 'app://app/index.html', parent: {} } as { url: string } },
      { sender: trusted.sender, senderFrame: null },
    ]) {
      expect(await create(event, { input })).toEqual({
        ok: false,
        error: { code: 'refused', message: 'This window may not use the app.' },
      });
    }
    expect(t.services.cases.list()).toEqual([]);
    expect(await create(trusted, { input })).toMatchObject({ ok: true });
    expect(t.services.cases.list()).toHaveLength(1);
  });

  it('sends progress to the caller only for calls with an operation id, and ignores cancels from strangers', async () => {
    const c = t.services.cases.create({
      title: 'Export me',
      role: 'parent',
      appealType: 'refusal-to-assess',
    });
    const exportCall = fake.handlers.get(channelFor('cases.export'))!;
    expect(await exportCall(trusted, { input: { caseId: c.id } })).toMatchObject({ ok: true });
    expect(sent).toEqual([]);
    expect(await exportCall(trusted, { input: { caseId: c.id }, operationId: 'op-1' })).toMatchObject({
      ok: true,
    });
    expect(sent.length).toBeGreaterThan(0);
    expect(
      sent.every(
        (s) =>
          s.channel === PROGRESS_CHANNEL && (s.args[0] as { operationId: string }).operationId === 'op-1',
      ),
    ).toBe(true);
    const cancel = fake.listeners.get(CANCEL_CHANNEL)!;
    expect(() => cancel(untrusted, 'op-1')).not.toThrow();
    expect(() => cancel(trusted, { not: 'a string' })).not.toThrow();
  });
});
