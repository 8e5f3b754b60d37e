import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred } from '../../test/deferred';
import { FakeHost } from '../../test/fake-host';
import { AppUpdates, appUpdates } from './app-updates';
import { AppUpdatesController } from './app-updates-controller';
import { isBusy, markBusy } from './busy';

// workbox-window stands in for the browser's service worker machinery: a fake whose events the tests fire.
const workbox = vi.hoisted(() => {
  type Listener = (event: { isUpdate?: boolean }) => void;
  class FakeWorkbox {
    static readonly made: FakeWorkbox[] = [];
    readonly listeners = new Map<string, Listener[]>();
    readonly registration = { update: vi.fn(async () => undefined) };
    readonly register = vi.fn(async () => {
      if (state.registerFails) throw new DOMException('The operation is insecure.', 'SecurityError');
      return this.registration;
    });
    readonly messageSkipWaiting = vi.fn();
    constructor(
      readonly url: string,
      readonly options: object,
    ) {
      FakeWorkbox.made.push(this);
    }
    addEventListener(type: string, listener: Listener): void {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }
    emit(type: string, event: { isUpdate?: boolean } = {}): void {
      for (const listener of this.listeners.get(type) ?? []) listener(event);
    }
  }
  const state = { FakeWorkbox, registerFails: false, chunkGone: false };
  return state;
});

vi.mock('workbox-window', () => ({
  // A getter, so a test can make the chunk "gone" after the module was first imported.
  get Workbox() {
    if (workbox.chunkGone) throw new TypeError('Failed to fetch dynamically imported module');
    return workbox.FakeWorkbox;
  },
}));

// The real busy registry, but each AppUpdates' listener (never removed: the app starts one) is taken off after.
const busyListeners = vi.hoisted(() => [] as (() => void)[]);
vi.mock('./busy', async (importOriginal) => {
  const real = await importOriginal<typeof import('./busy')>();
  return {
    ...real,
    onBusyChange: (listener: () => void) => {
      const off = real.onBusyChange(listener);
      busyListeners.push(off);
      return off;
    },
  };
});

const BASE = 'http://petal.test/app/';
const OUR_ENTRY = './assets/index-old.js';

/** Just enough of a Document for `entryScript`: the module script's src. */
function documentWithEntry(src: string | undefined, extra: object = {}) {
  return {
    baseURI: BASE,
    readyState: 'complete',
    querySelector: (selector: string) =>
      selector === 'script[type="module"][src]' && src !== undefined
        ? { getAttribute: (name: string) => (name === 'src' ? src : null) }
        : null,
    ...extra,
  };
}

class FakeDOMParser {
  parseFromString(html: string) {
    return documentWithEntry(/<script type="module"[^>]*\ssrc="([^"]+)"/.exec(html)?.[1]);
  }
}

const page = (entry: string) =>
  `<!doctype html><html><head><script type="module" crossorigin src="${entry}"></script></head></html>`;

class FakeWorkerStatus extends EventTarget {
  status = 'ready';
  set(status: string): void {
    this.status = status;
    this.dispatchEvent(new Event('status'));
  }
}

let win: EventTarget;
let reload: ReturnType<typeof vi.fn>;
let fetchMock: ReturnType<typeof vi.fn<(url: URL, init?: RequestInit) => Promise<Response>>>;
let standalone: boolean;

beforeEach(() => {
  win = new EventTarget();
  reload = vi.fn();
  standalone = false;
  fetchMock = vi.fn(async () => new Response(page(OUR_ENTRY)));
  workbox.FakeWorkbox.made.length = 0;
  workbox.registerFails = false;
  workbox.chunkGone = false;
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', documentWithEntry(OUR_ENTRY));
  vi.stubGlobal('navigator', { serviceWorker: {} });
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: standalone && query.includes('standalone') }));
  vi.stubGlobal('location', { reload });
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('DOMParser', FakeDOMParser);
  // Only production builds register the service worker; the tests of that turn it on (`registered`).
  vi.stubEnv('PROD', false);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  for (const off of busyListeners.splice(0)) off();
  expect(isBusy()).toBe(false);
});

function started(options: Parameters<AppUpdates['start']>[0] = {}) {
  const updates = new AppUpdates();
  let changes = 0;
  updates.addEventListener('change', () => changes++);
  updates.start(options);
  return { updates, changes: () => changes };
}

/** Started, with the service worker registered. */
async function registered(options: Parameters<AppUpdates['start']>[0] = {}) {
  vi.stubEnv('PROD', true);
  const context = started(options);
  await vi.waitFor(() => expect(workbox.FakeWorkbox.made).toHaveLength(1));
  const sw = workbox.FakeWorkbox.made[0];
  await vi.waitFor(() => expect(sw.register).toHaveBeenCalledTimes(1));
  return { ...context, sw };
}

const rejection = (reason: Error) => Object.assign(new Event('unhandledrejection'), { reason });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AppUpdates: the service worker', () => {
  it('registers sw.js with the app scope in production; with no update, accepting reloads', async () => {
    const { updates, sw } = await registered();
    expect(sw.url).toBe(`${BASE}sw.js`);
    expect(sw.options).toEqual({ scope: './' });
    expect(updates.snapshot).toEqual({ offer: 'none', heldBack: false, canInstall: false, installed: false });
    updates.acceptUpdate();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(sw.messageSkipWaiting).not.toHaveBeenCalled();
  });

  it('registers nothing in a development build or without service worker support', async () => {
    started();
    vi.stubEnv('PROD', true);
    vi.stubGlobal('navigator', {});
    started();
    await flush();
    expect(workbox.FakeWorkbox.made).toHaveLength(0);
  });

  it('waits for registerAfter and then for the page load event before registering', async () => {
    vi.stubEnv('PROD', true);
    const doc = documentWithEntry(OUR_ENTRY, { readyState: 'loading' });
    vi.stubGlobal('document', doc);
    const firstModel = deferred<void>();
    started({ registerAfter: firstModel.promise });
    await flush();
    expect(workbox.FakeWorkbox.made).toHaveLength(0);

    firstModel.resolve();
    await flush();
    expect(workbox.FakeWorkbox.made).toHaveLength(0);
    doc.readyState = 'complete';
    win.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(workbox.FakeWorkbox.made).toHaveLength(1));
  });

  it('keeps working when the browser refuses the service worker', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    workbox.registerFails = true;
    const { updates } = await registered();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(warn.mock.calls[0][0]).toMatch(/could not register its service worker/);
    expect(updates.snapshot.offer).toBe('none');
    warn.mockRestore();
  });

  it('offers a waiting update as "update ready"', async () => {
    const { updates, sw, changes } = await registered();
    const before = changes();
    sw.emit('waiting');
    expect(changes()).toBe(before + 1);
    expect(updates.snapshot).toMatchObject({ offer: 'update-ready', heldBack: false });
  });

  it('holds a waiting update back while work is busy and offers it once the work ends', async () => {
    const { updates, sw, changes } = await registered();
    const done = markBusy('training');
    sw.emit('waiting');
    expect(updates.snapshot).toMatchObject({ offer: 'none', heldBack: true });

    const before = changes();
    done();
    expect(changes()).toBe(before + 1);
    expect(updates.snapshot).toMatchObject({ offer: 'update-ready', heldBack: false });
  });

  it('accepting sends SKIP_WAITING and reloads once the new worker controls the page', async () => {
    const { updates, sw } = await registered();
    sw.emit('waiting');
    vi.useFakeTimers();
    updates.acceptUpdate();
    expect(sw.messageSkipWaiting).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();
    sw.emit('controlling', { isUpdate: true });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads after 3 s anyway when the accepted worker never takes control', async () => {
    const { updates, sw } = await registered();
    sw.emit('waiting');
    vi.useFakeTimers();
    updates.acceptUpdate();
    vi.advanceTimersByTime(2_999);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('offers a reload, even while busy, when another tab switched to a new version', async () => {
    const { updates, sw } = await registered();
    sw.emit('controlling', { isUpdate: false });
    expect(updates.snapshot.offer).toBe('none');

    sw.emit('waiting');
    const done = markBusy('scoring');
    sw.emit('controlling', { isUpdate: true });
    expect(updates.snapshot).toMatchObject({ offer: 'new-version', heldBack: false });
    done();
    updates.acceptUpdate();
    expect(sw.messageSkipWaiting).not.toHaveBeenCalled();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});

describe('AppUpdates: an old tab whose files are gone', () => {
  it('offers a reload when the server has another entry script, asking past the cache', async () => {
    fetchMock.mockResolvedValue(new Response(page('./assets/index-new.js')));
    const { updates, sw } = await registered();
    const before = sw.registration.update.mock.calls.length;
    await updates.checkDeployedVersion();

    expect(updates.snapshot.offer).toBe('new-version');
    const [url, init] = fetchMock.mock.calls[0];
    expect(String(url)).toMatch(/^http:\/\/petal\.test\/app\/index\.html\?version-check=\d+$/);
    expect(init).toEqual({ cache: 'no-store' });
    expect(sw.registration.update.mock.calls.length).toBe(before + 1);
  });

  it.each([
    ['the same entry, written another way', async () => new Response(page('/app/assets/index-old.js'))],
    ['an HTTP error', async () => new Response(page('./assets/index-new.js'), { status: 503 })],
    ['no network', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a page without an entry script', async () => new Response('<p>maintenance</p>')],
  ])('offers nothing on %s', async (_, answer) => {
    fetchMock.mockImplementation(answer);
    const { updates, changes } = started();
    await updates.checkDeployedVersion();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(updates.snapshot.offer).toBe('none');
    expect(changes()).toBe(0);
  });

  it('asks the server at most once in 2 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { updates } = started();
    await updates.checkDeployedVersion();
    await updates.checkDeployedVersion();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 2_000);
    await updates.checkDeployedVersion();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it.each([
    [
      'a chunk that fails to preload',
      () => win.dispatchEvent(new Event('vite:preloadError', { cancelable: true })),
    ],
    [
      'a failed dynamic import',
      () => win.dispatchEvent(rejection(new TypeError('Failed to fetch dynamically imported module: x.js'))),
    ],
    ['a worker that restarts', (worker: FakeWorkerStatus) => worker.set('restarting')],
    ['a worker that failed', (worker: FakeWorkerStatus) => worker.set('failed')],
  ])('checks the deployed version after %s', async (_, trigger) => {
    fetchMock.mockResolvedValue(new Response(page('./assets/index-new.js')));
    const worker = new FakeWorkerStatus();
    const { updates } = started({ worker });
    trigger(worker);
    await vi.waitFor(() => expect(updates.snapshot.offer).toBe('new-version'));
  });

  it('lets no preload error reach the page, and ignores unrelated rejections and worker states', async () => {
    const worker = new FakeWorkerStatus();
    started({ worker });
    win.dispatchEvent(rejection(new Error('Storage is full.')));
    worker.set('starting');
    worker.set('ready');
    await flush();
    expect(fetchMock).not.toHaveBeenCalled();

    const preloadError = new Event('vite:preloadError', { cancelable: true });
    win.dispatchEvent(preloadError);
    expect(preloadError.defaultPrevented).toBe(true);
  });

  it('checks the deployed version when workbox-window itself cannot be loaded', async () => {
    workbox.chunkGone = true;
    vi.stubEnv('PROD', true);
    fetchMock.mockResolvedValue(new Response(page('./assets/index-new.js')));
    const { updates } = started();
    await vi.waitFor(() => expect(updates.snapshot.offer).toBe('new-version'));
    expect(workbox.FakeWorkbox.made).toHaveLength(0);
  });
});

describe('AppUpdates: installing', () => {
  function installPrompt(outcome: 'accepted' | 'dismissed') {
    return Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: vi.fn(async () => {}),
      userChoice: Promise.resolve({ outcome }),
    });
  }

  it.each([
    ['accepted', true],
    ['dismissed', false],
  ] as const)(
    "keeps the browser's prompt for the Install button and shows it once (%s)",
    async (outcome, installed) => {
      const { updates, changes } = started();
      const event = installPrompt(outcome);
      win.dispatchEvent(event);
      expect(event.defaultPrevented).toBe(true);
      expect(changes()).toBe(1);
      expect(updates.snapshot).toMatchObject({ canInstall: true, installed: false });

      await updates.install();
      expect(event.prompt).toHaveBeenCalledTimes(1);
      expect(updates.snapshot).toMatchObject({ canInstall: false, installed });
      await updates.install();
      expect(event.prompt).toHaveBeenCalledTimes(1);
    },
  );

  it('knows when it runs installed, and when the browser installed it', () => {
    standalone = true;
    const installedApp = started().updates;
    win.dispatchEvent(installPrompt('accepted'));
    expect(installedApp.snapshot).toMatchObject({ installed: true, canInstall: false });

    standalone = false;
    win = new EventTarget();
    vi.stubGlobal('window', win);
    const { updates } = started();
    win.dispatchEvent(installPrompt('accepted'));
    win.dispatchEvent(new Event('appinstalled'));
    expect(updates.snapshot).toMatchObject({ installed: true, canInstall: false });
  });
});

describe('AppUpdatesController', () => {
  it('re-renders its host on every change while connected, and shows the updates snapshot', () => {
    const host = new FakeHost();
    const updates = new AppUpdates();
    const controller = new AppUpdatesController(host, updates);
    expect(host.controllers).toEqual([controller]);
    expect(new AppUpdatesController(new FakeHost()).updates).toBe(appUpdates);

    updates.dispatchEvent(new Event('change'));
    expect(host.updates).toBe(0);
    controller.hostConnected();
    updates.dispatchEvent(new Event('change'));
    expect(host.updates).toBe(1);
    controller.hostDisconnected();
    updates.dispatchEvent(new Event('change'));
    expect(host.updates).toBe(1);

    updates.start();
    win.dispatchEvent(Object.assign(new Event('beforeinstallprompt'), { prompt: async () => {} }));
    expect(controller.snapshot).toMatchObject({ canInstall: true });
  });
});
