import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIRE_ENTRY_SYMBOL, currentHostTarget, inspectBytes, type Inspection } from './index.js';
import {
  ScratchDir,
  bytesOf,
  dynamicEntryOffset,
  expectWellFormed,
  malformation,
  patched,
  readelfSections,
  run,
  withoutSectionHeaders,
  type SectionInfo,
} from './test-fixtures.js';

/**
 * Damaged input must always come back as a value: never an exception, a hang or a huge
 * allocation. The fixtures are 64-bit little-endian objects built here, which is what the
 * hand-made damage below assumes.
 */
const host = currentHostTarget();
const DT_STRSZ = 10;
const PT_LOAD = 1;

const scratch = new ScratchDir();
let plugin: Uint8Array;
let pluginPath: string;
let sectionless: Uint8Array;
let sectionlessSysv: Uint8Array;
let sections: Map<string, SectionInfo>;

beforeAll(() => {
  const source = '__attribute__((visibility("default"))) int quire_plugin_entry(void) { return 1; }\n';
  const flags = ['-shared', '-fPIC', '-Wl,-soname,librobust.so', '-Wl,--no-as-needed', '-lm'];
  pluginPath = scratch.compile('robust.so', source, flags);
  plugin = bytesOf(pluginPath);
  sections = readelfSections(pluginPath);
  sectionless = withoutSectionHeaders(plugin);
  const sysvPath = scratch.compile('robust-sysv.so', source, [...flags, '-Wl,--hash-style=sysv']);
  sectionlessSysv = withoutSectionHeaders(bytesOf(sysvPath));
});

afterAll(() => scratch.remove());

function inspect(bytes: Uint8Array): Inspection {
  const result = inspectBytes(bytes, host, QUIRE_ENTRY_SYMBOL);
  expectWellFormed(result);
  return result;
}

/** Inspects many inputs and lists every one that came back malformed, so a failure names them all at once. */
function inspectAll(inputs: Iterable<[label: string, bytes: Uint8Array]>): { label: string; result: Inspection }[] {
  const results = Array.from(inputs, ([label, bytes]) => ({ label, result: inspectBytes(bytes, host, QUIRE_ENTRY_SYMBOL) }));
  expect(results.flatMap(({ label, result }) => (malformation(result) ? [`${label}: ${malformation(result)}`] : []))).toEqual([]);
  return results;
}

/** mulberry32: a tiny seeded PRNG, so every run damages the same bytes. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lengths 0..4096 one by one, then coarser steps to the full size. */
function truncationLengths(size: number): number[] {
  const fine = Array.from({ length: Math.min(size, 4096) + 1 }, (_, i) => i);
  const coarse: number[] = [];
  for (let length = 4096 + 97; length < size; length += 97) coarse.push(length);
  return [...fine, ...coarse, size];
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const edits = 1 + Math.floor(random() * 8);
  for (let i = 0; i < edits; i++) {
    // Half the edits land in the first 4 KiB, where the headers and tables that steer parsing live.
    const span = random() < 0.5 ? Math.min(copy.length, 4096) : copy.length;
    const at = Math.floor(random() * (span - 4));
    const kind = random();
    if (kind < 0.6) copy[at] = Math.floor(random() * 256);
    else if (kind < 0.8) view.setUint32(at, 0xffffffff, true);
    else view.setUint32(at, Math.floor(random() * 0x10000), true);
  }
  return copy;
}

describe('truncated files', () => {
  it('refuses every strict truncation of a real shared object, and accepts the whole', () => {
    const results = inspectAll(truncationLengths(plugin.length).map((length) => [String(length), plugin.subarray(0, length)]));
    const accepted = results.filter(({ result }) => result.ok).map(({ label }) => Number(label));
    expect(accepted).toEqual([plugin.length]);
  });

  it('returns a value for every truncation of a copy without section headers', () => {
    inspectAll(truncationLengths(sectionless.length).map((length) => [String(length), sectionless.subarray(0, length)]));
    expect(inspect(sectionless)).toMatchObject({ ok: true });
  });
});

describe('randomly damaged files', () => {
  it.each([
    ['with section headers', () => plugin, 0x5eed, 2500],
    ['without section headers (GNU hash)', () => sectionless, 0xbeef, 1000],
    ['without section headers (SysV hash)', () => sectionlessSysv, 0xcafe, 1000],
  ])('returns a well-formed value for every mutation of a shared object %s', (_, fixture, seed, rounds) => {
    const random = seededRandom(seed);
    function* mutants(): Generator<[string, Uint8Array]> {
      for (let i = 0; i < rounds; i++) yield [`mutant ${i}`, mutate(fixture(), random)];
    }
    const outcomes = new Set(inspectAll(mutants()).map(({ result }) => (result.ok ? 'ok' : result.code)));
    // The damage must reach the parser in more than one way, or this test would prove little.
    expect(outcomes.size).toBeGreaterThan(2);
  });
});

describe('hand-made absurd headers', () => {
  const section = (name: string): SectionInfo => {
    const info = sections.get(name);
    if (!info) throw new Error(`readelf found no ${name} section`);
    return info;
  };
  const shoffOf = (bytes: Uint8Array) => Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(40, true));
  const sectionHeaderAt = (name: string) => shoffOf(plugin) + section(name).index * 64;

  function expectCorrupt(bytes: Uint8Array, reason: RegExp): void {
    const result = inspect(bytes);
    expect(result).toMatchObject({ ok: false, code: 'not-a-binary', detail: { kind: 'corrupt-elf' } });
    if (!result.ok) expect(String(result.detail.reason)).toMatch(reason);
  }

  it('e_phnum 0xFFFF', () => {
    expectCorrupt(patched(plugin, (v) => v.setUint16(56, 0xffff, true)), /program header table/);
  });

  it('e_phoff past the end of the file', () => {
    expectCorrupt(patched(plugin, (v) => v.setBigUint64(32, BigInt(plugin.length), true)), /program header table/);
  });

  it('e_phentsize of the wrong size', () => {
    expectCorrupt(patched(plugin, (v) => v.setUint16(54, 8, true)), /program headers claim/);
  });

  it('e_shoff past the end of the file', () => {
    expectCorrupt(patched(plugin, (v) => v.setBigUint64(40, BigInt(plugin.length + 64), true)), /section header table/);
  });

  it('e_shoff above Number.MAX_SAFE_INTEGER', () => {
    expectCorrupt(patched(plugin, (v) => v.setBigUint64(40, 1n << 62n, true)), /beyond any possible/);
  });

  it('e_shnum 0 (extended numbering) with an absurd count in section 0', () => {
    const shoff = shoffOf(plugin);
    expectCorrupt(
      patched(plugin, (v) => {
        v.setUint16(60, 0, true);
        v.setBigUint64(shoff + 32, 0xffffffffn, true);
      }),
      /section header table/,
    );
  });

  it('a PT_LOAD segment larger than the file', () => {
    const phoff = Number(new DataView(plugin.buffer).getBigUint64(32, true));
    const view = new DataView(plugin.buffer);
    const load = Array.from({ length: view.getUint16(56, true) }, (_, i) => phoff + i * 56).find((at) => view.getUint32(at, true) === PT_LOAD);
    expectCorrupt(patched(plugin, (v) => v.setBigUint64(load! + 32, 0xffff_ffffn, true)), /segment \d+ .* runs past the end/);
  });

  it('a .dynsym sh_size far beyond the file', () => {
    expectCorrupt(patched(plugin, (v) => v.setBigUint64(sectionHeaderAt('.dynsym') + 32, 0xffff_ffff_ffffn, true)), /section \d+ .* runs past the end/);
  });

  it('a .dynsym sh_link out of range', () => {
    expectCorrupt(patched(plugin, (v) => v.setUint32(sectionHeaderAt('.dynsym') + 40, 0xffff, true)), /string table/);
  });

  it('a .dynsym with entries of the wrong size', () => {
    expectCorrupt(patched(plugin, (v) => v.setBigUint64(sectionHeaderAt('.dynsym') + 56, 1n, true)), /entries instead of 24/);
  });

  it('a dynamic string table without any NUL byte', () => {
    const dynstr = section('.dynstr');
    expectCorrupt(
      patched(plugin, (_, copy) => copy.fill(0x41, dynstr.offset, dynstr.offset + dynstr.size)),
      /not a terminated string/,
    );
  });

  it('a DT_STRSZ larger than its segment', () => {
    const entry = dynamicEntryOffset(pluginPath, plugin, DT_STRSZ);
    expectCorrupt(patched(sectionless, (v) => v.setBigUint64(entry + 8, 0xffff_ffffn, true)), /string table .* runs past the end/);
  });

  it('a GNU hash table with an absurd bucket count', () => {
    const gnuHash = section('.gnu.hash');
    expectCorrupt(patched(sectionless, (v) => v.setUint32(gnuHash.offset, 0xffffffff, true)), /DT_GNU_HASH/);
  });

  it('a GNU hash chain that never ends', () => {
    const gnuHash = section('.gnu.hash');
    const view = new DataView(sectionless.buffer);
    const nbuckets = view.getUint32(gnuHash.offset, true);
    const bloomWords = view.getUint32(gnuHash.offset + 8, true);
    const chains = gnuHash.offset + 16 + bloomWords * 8 + nbuckets * 4;
    const endless = patched(sectionless, (v) => {
      for (let at = chains; at + 4 <= gnuHash.offset + gnuHash.size; at += 4) v.setUint32(at, v.getUint32(at, true) & ~1, true);
      // Nor may whatever follows the table in its segment (the first page of a small .so).
      for (let at = gnuHash.offset + gnuHash.size; at + 4 <= Math.min(v.byteLength, gnuHash.offset + gnuHash.size + 4096); at += 4) {
        v.setUint32(at, 0, true);
      }
    });
    expectCorrupt(endless, /DT_GNU_HASH.* runs past the end of its segment/);
  });

  it('a SysV hash table claiming four billion symbols', () => {
    const sysvPath = `${scratch.path}/robust-sysv.so`;
    const hash = readelfSections(sysvPath).get('.hash');
    expect(hash).toBeDefined();
    expectCorrupt(patched(sectionlessSysv, (v) => v.setUint32(hash!.offset + 4, 0xffffffff, true)), /DT_HASH/);
  });

  it('finishes quickly on a file of nothing but an ELF identity and zeros', () => {
    const zeros = new Uint8Array(1 << 20);
    zeros.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    expect(inspect(zeros).ok).toBe(false);
  });
});

describe('the fixtures really are what the damage assumes', () => {
  it('are 64-bit little-endian shared objects with their section headers at the end', () => {
    expect(run('readelf', ['-h', pluginPath])).toMatch(/ELF64[\s\S]*little endian[\s\S]*DYN/);
    expect(shoffEnd(plugin)).toBe(plugin.length);
  });
});

function shoffEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return Number(view.getBigUint64(40, true)) + view.getUint16(58, true) * view.getUint16(60, true);
}
