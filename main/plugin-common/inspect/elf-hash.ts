import type { ByteReader } from './byte-reader.js';
import type { Extent } from './elf-layout.js';
import type { Step } from './inspection.js';
import { corruptElf } from './refusal.js';

/**
 * Without section headers nothing states how many dynamic symbols there are; the loader's hash
 * tables imply it. Every read below stays inside `table`, the file bytes of the segment holding
 * the hash table, and every loop is bounded by that size.
 */

const GNU_HASH_HEADER_SIZE = 16;

/** DT_HASH: nbucket, nchain, buckets, chains; nchain equals the number of symbols. */
export function countFromSysvHash(reader: ByteReader, table: Extent, wordSize: 4 | 8): Step<number> {
  const header = reader.record(table.offset, 2 * wordSize);
  if (!header || 2 * wordSize > table.size) return corruptElf('its symbol hash table (DT_HASH) runs past the end of its segment');
  const nbucket = wordSize === 8 ? header.u64(0) : header.u32(0);
  const nchain = wordSize === 8 ? header.u64(8) : header.u32(4);
  if (!header.valid || (2 + nbucket + nchain) * wordSize > table.size) {
    return corruptElf('its symbol hash table (DT_HASH) runs past the end of its segment');
  }
  return { ok: true, value: nchain };
}

/**
 * DT_GNU_HASH lists only hashed symbols: they start at `symoffset` and each bucket holds the first
 * index of a chain whose last entry has bit 0 set. The highest bucket's chain ends at the last symbol.
 * With nothing hashed, linkers leave `symoffset` at 1 even when undefined symbols follow; none of
 * those could be found by the loader, so the count still covers every symbol that matters here.
 */
export function countFromGnuHash(reader: ByteReader, table: Extent, elfClass: 32 | 64): Step<number> {
  const truncated = corruptElf('its GNU symbol hash table (DT_GNU_HASH) runs past the end of its segment');
  const header = reader.record(table.offset, GNU_HASH_HEADER_SIZE);
  if (!header || GNU_HASH_HEADER_SIZE > table.size) return truncated;
  const nbuckets = header.u32(0);
  const symoffset = header.u32(4);
  const bloomWords = header.u32(8);
  const bucketsAt = GNU_HASH_HEADER_SIZE + bloomWords * (elfClass / 8);
  const chainsAt = bucketsAt + nbuckets * 4;
  const buckets = reader.record(table.offset + bucketsAt, nbuckets * 4);
  if (!buckets || chainsAt > table.size) return truncated;

  let highest = 0;
  for (let i = 0; i < nbuckets; i++) highest = Math.max(highest, buckets.u32(i * 4));
  if (highest === 0) return { ok: true, value: symoffset };
  if (highest < symoffset) return corruptElf('its GNU symbol hash table points below its first hashed symbol');

  // Each step moves 4 bytes further into the table, so the walk ends by the table's end at the latest.
  for (let index = highest; ; index++) {
    const link = reader.record(table.offset + chainsAt + (index - symoffset) * 4, 4);
    if (!link || chainsAt + (index - symoffset + 1) * 4 > table.size) return truncated;
    if ((link.u32(0) & 1) === 1) return { ok: true, value: index + 1 };
  }
}
