import type { ByteReader } from './byte-reader.js';
import { PROGRAM_HEADER_SIZE, SECTION_HEADER_SIZE, type ElfHeader } from './elf-header.js';
import type { Step } from './inspection.js';
import { corruptElf } from './refusal.js';

export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;

export const SHT_STRTAB = 3;
export const SHT_DYNAMIC = 6;
export const SHT_DYNSYM = 11;

export interface Segment {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
}

export interface Section {
  type: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

/** A run of file bytes: where it starts and how many bytes it holds. */
export interface Extent {
  offset: number;
  size: number;
}

/**
 * The program headers. This is what the dynamic loader maps, so each segment's file bytes must be
 * present: a segment that runs past the end is the typical sign of a truncated copy.
 */
export function readSegments(reader: ByteReader, header: ElfHeader): Step<Segment[]> {
  const entrySize = PROGRAM_HEADER_SIZE[header.elfClass];
  if (header.phnum === 0) return corruptElf('it has no program headers, which every loadable shared object has');
  if (header.phentsize !== entrySize) {
    return corruptElf(`its program headers claim to be ${header.phentsize} bytes each instead of ${entrySize}`);
  }
  if (!reader.contains(header.phoff, header.phnum * entrySize)) {
    return corruptElf(`its program header table (${header.phnum} entries at offset ${header.phoff}) runs past the end of the file`, {
      phoff: header.phoff,
      phnum: header.phnum,
      size: reader.size,
    });
  }
  const wide = header.elfClass === 64;
  const segments: Segment[] = [];
  for (let i = 0; i < header.phnum; i++) {
    const entry = reader.record(header.phoff + i * entrySize, entrySize);
    if (!entry) return corruptElf(`program header ${i} does not fit in the file`);
    const segment: Segment = {
      type: entry.u32(0),
      offset: wide ? entry.u64(8) : entry.u32(4),
      vaddr: wide ? entry.u64(16) : entry.u32(8),
      filesz: wide ? entry.u64(32) : entry.u32(16),
    };
    if (!entry.valid) return corruptElf(`program header ${i} holds offsets beyond any possible file size`);
    if (segment.filesz > 0 && !reader.contains(segment.offset, segment.filesz)) {
      return corruptElf(`segment ${i} (${segment.filesz} bytes at offset ${segment.offset}) runs past the end of the file`, {
        segment: i,
        segmentEnd: segment.offset + segment.filesz,
        size: reader.size,
      });
    }
    segments.push(segment);
  }
  if (!segments.some((s) => s.type === PT_LOAD)) return corruptElf('it has no loadable segment');
  return { ok: true, value: segments };
}

/**
 * The section headers, or none when they were stripped (e_shoff = 0), which the loader allows.
 * A table that is present but does not fit means the file was cut short or damaged.
 */
export function readSections(reader: ByteReader, header: ElfHeader): Step<Section[]> {
  if (header.shoff === 0) return { ok: true, value: [] };
  const entrySize = SECTION_HEADER_SIZE[header.elfClass];
  if (header.shentsize !== entrySize) {
    return corruptElf(`its section headers claim to be ${header.shentsize} bytes each instead of ${entrySize}`);
  }
  const wide = header.elfClass === 64;
  const decode = (index: number): Section | undefined => {
    const entry = reader.record(header.shoff + index * entrySize, entrySize);
    if (!entry) return undefined;
    const section: Section = {
      type: entry.u32(4),
      offset: wide ? entry.u64(24) : entry.u32(16),
      size: wide ? entry.u64(32) : entry.u32(20),
      link: entry.u32(wide ? 40 : 24),
      entsize: wide ? entry.u64(56) : entry.u32(36),
    };
    return entry.valid ? section : undefined;
  };
  // With 0xff00 or more sections, e_shnum is 0 and the real count sits in section 0's sh_size.
  const count = header.shnum !== 0 ? header.shnum : decode(0)?.size;
  if (count === undefined || !reader.contains(header.shoff, count * entrySize)) {
    return corruptElf(`its section header table (at offset ${header.shoff}) runs past the end of the file`, {
      shoff: header.shoff,
      shnum: count ?? header.shnum,
      size: reader.size,
    });
  }
  const sections: Section[] = [];
  for (let i = 0; i < count; i++) {
    const section = decode(i);
    if (!section) return corruptElf(`section header ${i} holds offsets beyond any possible file size`);
    sections.push(section);
  }
  return { ok: true, value: sections };
}

/** The file bytes behind a section, which must lie inside the file. */
export function sectionExtent(reader: ByteReader, section: Section, index: number): Step<Extent> {
  if (!reader.contains(section.offset, section.size)) {
    return corruptElf(`section ${index} (${section.size} bytes at offset ${section.offset}) runs past the end of the file`, {
      section: index,
      size: reader.size,
    });
  }
  return { ok: true, value: { offset: section.offset, size: section.size } };
}

/**
 * Where a virtual address lives in the file: the PT_LOAD segment that maps it decides, and the
 * extent ends where that segment's file bytes end, so reads through it cannot leave the segment.
 */
export function extentAtAddress(segments: readonly Segment[], vaddr: number): Extent | undefined {
  for (const s of segments) {
    if (s.type === PT_LOAD && vaddr >= s.vaddr && vaddr - s.vaddr < s.filesz) {
      const delta = vaddr - s.vaddr;
      return { offset: s.offset + delta, size: s.filesz - delta };
    }
  }
  return undefined;
}
