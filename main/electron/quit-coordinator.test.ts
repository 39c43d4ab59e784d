import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { QuitCoordinator } from './quit-coordinator.js';

const DEADLINE_MS = 30;

/** A coordinator wired to a recorded page and user; `answer` is what the user picks. */
function setup(options: { alive?: boolean; answer?: () => Promise<boolean> } = {}) {
  const calls = { asked: 0, questions: 0, exits: 0 };
  let alive = options.alive ?? true;
  const coordinator = new QuitCoordinator({
    askRenderer: () => void calls.asked++,
    rendererAlive: () => alive,
    confirmUnanswered: () => {
      calls.questions++;
      return options.answer?.() ?? Promise.resolve(false);
    },
    exit: () => void calls.exits++,
    answerTimeoutMs: DEADLINE_MS,
  });
  return { coordinator, calls, crash: () => (alive = false) };
}

describe('QuitCoordinator', () => {
  it('holds the window open and asks the page once, however often close is pressed', () => {
    const { coordinator, calls } = setup();
    expect(coordinator.mayClose()).toBe(false);
    expect(coordinator.mayClose()).toBe(false);
    coordinator.requestQuit();
    expect(calls.asked).toBe(1);
    expect(calls.exits).toBe(0);
  });

  it('quits once the page confirms, and then lets the window close', async () => {
    const { coordinator, calls } = setup();
    coordinator.requestQuit();
    coordinator.confirmQuit();
    coordinator.confirmQuit();
    expect(calls.exits).toBe(1);
    expect(coordinator.quitting).toBe(true);
    expect(coordinator.mayClose()).toBe(true);
    await sleep(DEADLINE_MS * 3);
    expect(calls.questions).toBe(0);
  });

  it('asks the user when the page does not answer in time, and quits if they say so', async () => {
    const { coordinator, calls } = setup({ answer: async () => true });
    expect(coordinator.mayClose()).toBe(false);
    await sleep(DEADLINE_MS * 3);
    expect(calls.questions).toBe(1);
    expect(calls.exits).toBe(1);
    expect(coordinator.mayClose()).toBe(true);
  });

  it('keeps Quire open when the user chooses to wait, and asks the page again on the next close', async () => {
    const { coordinator, calls } = setup({ answer: async () => false });
    coordinator.mayClose();
    await sleep(DEADLINE_MS * 3);
    expect(calls.questions).toBe(1);
    expect(calls.exits).toBe(0);
    expect(coordinator.mayClose()).toBe(false);
    expect(calls.asked).toBe(2);
  });

  it('does not interrupt a page that is busy answering (a request arrived)', async () => {
    const { coordinator, calls } = setup({ answer: async () => true });
    coordinator.mayClose();
    coordinator.pageActive();
    await sleep(DEADLINE_MS * 3);
    expect(calls.questions).toBe(0);
    expect(calls.exits).toBe(0);
  });

  it('lets the page answer while the user is being asked, and ignores the late answer', async () => {
    let answerUser: (quit: boolean) => void = () => {};
    const { coordinator, calls } = setup({ answer: () => new Promise((resolve) => (answerUser = resolve)) });
    coordinator.mayClose();
    await sleep(DEADLINE_MS * 3);
    expect(calls.questions).toBe(1);
    coordinator.confirmQuit();
    answerUser(false);
    await sleep(0);
    expect(calls.exits).toBe(1);
    expect(coordinator.quitting).toBe(true);
  });

  it('closes at once when the page is gone, since nothing can be saved', async () => {
    const { coordinator, calls, crash } = setup();
    crash();
    expect(coordinator.mayClose()).toBe(true);
    expect(calls.asked).toBe(0);
    await sleep(DEADLINE_MS * 3);
    expect(calls.questions).toBe(0);
  });

  it('quits at once from the menu when the page is gone', () => {
    const { coordinator, calls, crash } = setup();
    crash();
    coordinator.requestQuit();
    expect(calls.asked).toBe(0);
    expect(calls.exits).toBe(1);
  });

  it('stops waiting for a page that crashed after it was asked', async () => {
    const { coordinator, calls, crash } = setup({ answer: async () => true });
    coordinator.mayClose();
    crash();
    expect(coordinator.mayClose()).toBe(true);
    await sleep(DEADLINE_MS * 3);
    expect(calls.questions).toBe(0);
  });
});
