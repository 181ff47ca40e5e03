/**
 * Drives Debian's headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
 * JSON messages ended by NUL on file descriptors 3 and 4), so the tests need no browser library.
 * Used by the screenshot test of the HTML report.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { inflateSync } from 'node:zlib';

export const CHROMIUM = '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface BrowserEvent {
  method: string;
  params: Record<string, unknown>;
}

/** One headless browser with one page; every protocol event the page sends is kept in `events`. */
export class Browser {
  readonly events: BrowserEvent[] = [];
  readonly #child: ChildProcess;
  readonly #input: Writable;
  readonly #profile: string;
  readonly #pending = new Map<
    number,
    { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }
  >();
  readonly #waiters: { method: string; resolve: () => void }[] = [];
  #nextId = 1;
  #sessionId: string | undefined;
  #buffer = '';

  private constructor(width: number, height: number) {
    this.#profile = mkdtempSync(join(tmpdir(), 'arena-bench-chromium-'));
    this.#child = spawn(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${this.#profile}`,
        `--window-size=${width},${height}`,
        '--remote-debugging-pipe',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    this.#child.stderr!.resume();
    this.#input = this.#child.stdio[3] as Writable;
    const output = this.#child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.#receive(chunk));
    this.#child.on('exit', () => {
      for (const { reject } of this.#pending.values()) reject(new Error('chromium exited'));
      this.#pending.clear();
    });
  }

  /** Start Chromium and attach to a fresh page, with the domains that report errors and requests enabled. */
  static async launch(width = 1200, height = 900): Promise<Browser> {
    const browser = new Browser(width, height);
    const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
    browser.#sessionId = sessionId as string;
    for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await browser.send(`${domain}.enable`);
    return browser;
  }

  #receive(chunk: string): void {
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.#buffer.slice(0, end)) as Message;
      this.#buffer = this.#buffer.slice(end + 1);
      if (message.id !== undefined) {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) pending?.reject(new Error(message.error.message));
        else pending?.resolve(message.result ?? {});
      } else if (message.method) {
        this.events.push({ method: message.method, params: message.params ?? {} });
        for (const waiter of this.#waiters.filter((w) => w.method === message.method)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    }
  }

  /** Send a protocol command to the page (or to the browser before a page is attached). */
  // biome-ignore lint/suspicious/noExplicitAny: protocol replies are read field by field, shaped by the method called
  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const id = this.#nextId++;
    const message: Message = { id, method, params, ...(this.#sessionId ? { sessionId: this.#sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#input.write(`${JSON.stringify(message)}\0`);
    });
  }

  /** Open `url` and wait for its load event. */
  async open(url: string): Promise<void> {
    const loaded = new Promise<void>((resolve) => this.#waiters.push({ method: 'Page.loadEventFired', resolve }));
    await this.send('Page.navigate', { url });
    await loaded;
  }

  /** Evaluate an expression in the page and return its value (JSON-serialisable). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, returnByValue: true });
    if (exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(exceptionDetails)}`);
    return result.value as T;
  }

  /** A PNG of the page, or of `clip` (page coordinates, CSS pixels). */
  async screenshot(clip?: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const { data } = await this.send('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      ...(clip ? { clip: { ...clip, scale: 1 } } : {}),
    });
    return Buffer.from(data as string, 'base64');
  }

  /**
   * What the page complained about: console errors and warnings, uncaught exceptions, log entries
   * (failed loads, Content-Security-Policy violations) and any request that left the file system,
   * among the events from index `sinceEvent` on.
   */
  problems(sinceEvent = 0): string[] {
    const found: string[] = [];
    for (const { method, params } of this.events.slice(sinceEvent)) {
      if (method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(params.type as string))
        found.push(`console.${params.type}: ${JSON.stringify(params.args)}`);
      if (method === 'Runtime.exceptionThrown') found.push(`exception: ${JSON.stringify(params.exceptionDetails)}`);
      if (method === 'Log.entryAdded') {
        const entry = params.entry as { level: string; text: string; url?: string };
        if (entry.level === 'error' || entry.level === 'warning')
          found.push(`log ${entry.level}: ${entry.text} ${entry.url ?? ''}`);
      }
      if (method === 'Network.requestWillBeSent') {
        const url = (params.request as { url: string }).url;
        if (!url.startsWith('file:') && !url.startsWith('data:') && url !== 'about:blank')
          found.push(`network request: ${url}`);
      }
    }
    return found;
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    await this.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(this.#profile, { recursive: true, force: true });
  }
}

/** The pixels of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes), as RGBA rows. */
export function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [bitDepth, colorType, , , interlace] = body.subarray(8, 13);
      if (bitDepth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6))
        throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predictor =
        filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth();
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(pixels.subarray(i * channels, i * channels + 3), i * 4);
    rgba[i * 4 + 3] = channels === 4 ? pixels[i * channels + 3]! : 255;
  }
  return { width, height, rgba };
}

/** Share of pixels that differ from the top-left one (the background): 0 for a blank image. */
export function inkedShare({ width, height, rgba }: { width: number; height: number; rgba: Uint8Array }): number {
  let inked = 0;
  for (let i = 0; i < width * height; i++) {
    const differs =
      Math.abs(rgba[i * 4]! - rgba[0]!) +
        Math.abs(rgba[i * 4 + 1]! - rgba[1]!) +
        Math.abs(rgba[i * 4 + 2]! - rgba[2]!) >
      24;
    if (differs) inked++;
  }
  return width * height ? inked / (width * height) : 0;
}
