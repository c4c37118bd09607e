/**
 * Headless Chromium for the docs tests: Debian's `chromium` driven by playwright-core, with a fresh
 * profile per launch and no network features. A test that needs it skips, saying why, when either is
 * missing (`.ci/run` installs the browser; playwright-core is a devDependency).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import type { BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

type Playwright = typeof import("playwright-core");

async function loadPlaywright(): Promise<Playwright | undefined> {
  try {
    return await import("playwright-core");
  } catch {
    return undefined;
  }
}

const playwright = await loadPlaywright();

/** Why the Chromium tests cannot run here, or undefined when they can. */
export const chromiumSkipReason: string | undefined = !existsSync(CHROMIUM_PATH)
  ? `${CHROMIUM_PATH} is missing (apt-get install chromium): the browser tests are skipped`
  : playwright === undefined
    ? "playwright-core is not installed (npm ci installs it as a devDependency): the browser tests are skipped"
    : undefined;

if (chromiumSkipReason !== undefined) console.warn(chromiumSkipReason);

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a profile of its own, removed on close. */
export async function launchChromium(): Promise<Browser> {
  if (playwright === undefined) throw new Error(chromiumSkipReason);
  const profile = mkdtempSync(join(tmpdir(), "errcat-chromium-"));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 900 },
    // Time zone and locale are the browser's; the page must not depend on them.
    timezoneId: "UTC",
    locale: "en-US",
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where the docs tests keep their screenshots (gitignored), for a person to look at after a run. */
export function screenshotDir(): string {
  const dir = join(".cache", "docs-screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Decodes a PNG (8-bit RGB or RGBA, as Chromium writes) and counts the pixels that differ from its
 * top-left one: a drawing has many, a blank image none.
 */
export function pngStats(png: Buffer): { width: number; height: number; drawn: number } {
  if (png.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || (data[9] !== 2 && data[9] !== 6) || data[12] !== 0) throw new Error("only 8-bit RGB(A), non-interlaced PNGs are read here");
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels]! : 0;
      const b = previous[i]!;
      const c = i >= channels ? previous[i - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      out[i] = (line[i]! + predictor) & 0xff;
    }
    previous = out;
  }
  let drawn = 0;
  for (let p = 0; p < width * height; p++) {
    for (let ch = 0; ch < channels; ch++) {
      if (pixels[p * channels + ch] !== pixels[ch]) {
        drawn++;
        break;
      }
    }
  }
  return { width, height, drawn };
}
