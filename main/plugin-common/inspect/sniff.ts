import { whatAPluginIs } from './advice.js';
import { ByteReader } from './byte-reader.js';
import type { HostTarget, Refusal } from './inspection.js';
import { PLUGIN_EXTENSIONS } from './platforms.js';
import { refuse } from './refusal.js';

interface Signature {
  kind: string;
  bytes: readonly number[];
  says: string;
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** Formats people drop into a plugins folder by mistake, with what to do instead. */
const SIGNATURES: readonly Signature[] = [
  {
    kind: 'zip',
    bytes: [0x50, 0x4b, 0x03, 0x04],
    says: 'a zip archive (zip, jar, …); if the plugin came packed, extract its .so file into the plugins folder',
  },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06], says: 'an empty zip archive' },
  { kind: 'gzip', bytes: [0x1f, 0x8b], says: 'a gzip-compressed file (.gz, .tar.gz); extract the .so file from it first' },
  { kind: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], says: 'an xz-compressed file; extract the .so file from it first' },
  { kind: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd], says: 'a zstd-compressed file; extract the .so file from it first' },
  { kind: 'bzip2', bytes: ascii('BZh'), says: 'a bzip2-compressed file; extract the .so file from it first' },
  {
    kind: 'static-library',
    bytes: ascii('!<arch>\n'),
    says: 'a static library archive (.a); link it into a shared object, e.g. `cc -shared -o plugin.so -Wl,--whole-archive libplugin.a -Wl,--no-whole-archive`',
  },
  {
    kind: 'static-library',
    bytes: ascii('!<thin>\n'),
    says: 'a thin static library archive (.a); link its objects into a shared object with -shared',
  },
  { kind: 'wasm', bytes: [0x00, 0x61, 0x73, 0x6d], says: 'a WebAssembly module; Quire loads native code only' },
  { kind: 'java-class', bytes: [0xca, 0xfe, 0xba, 0xbe], says: 'a Java class file' },
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], says: 'a PNG image' },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff], says: 'a JPEG image' },
  { kind: 'gif', bytes: ascii('GIF8'), says: 'a GIF image' },
  { kind: 'pdf', bytes: ascii('%PDF-'), says: 'a PDF document' },
];

const TEXT_SAMPLE = 512;
const SHORTEST_BINARY = 4;

/** Whether the opening bytes contain no control characters other than whitespace and ESC. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, TEXT_SAMPLE);
  return sample.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x1b);
}

function firstLine(bytes: Uint8Array, maxLength: number): string {
  const sample = bytes.subarray(0, maxLength);
  const end = sample.indexOf(0x0a);
  return new TextDecoder('utf-8').decode(end < 0 ? sample : sample.subarray(0, end)).trim();
}

function hexPrefix(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The refusal for bytes that carry no executable format we recognise, naming what they look like. */
export function describeNonBinary(bytes: Uint8Array, target: HostTarget): Refusal {
  const size = bytes.length;
  const plugin = whatAPluginIs(target);
  if (size === 0) {
    return refuse('not-a-binary', `The file is empty (0 bytes), so it is not a plugin. ${plugin}`, { kind: 'empty', size });
  }
  const reader = new ByteReader(bytes, true);
  if (reader.startsWith(ascii('#!'))) {
    const interpreter = firstLine(bytes, 200);
    return refuse(
      'not-a-binary',
      `The file is a script (${interpreter}), not a compiled shared object. ${plugin}`,
      { kind: 'script', interpreter, size },
    );
  }
  const known = SIGNATURES.find((s) => reader.startsWith(s.bytes));
  if (known) {
    const says = known.says.replaceAll('.so file', `${PLUGIN_EXTENSIONS[target.os]} file`);
    return refuse('not-a-binary', `The file is ${says}; it is not a shared object. ${plugin}`, { kind: known.kind, size });
  }
  if (looksLikeText(bytes)) {
    return refuse('not-a-binary', `The file looks like text, not a compiled shared object. ${plugin}`, { kind: 'text', size });
  }
  if (size < SHORTEST_BINARY) {
    return refuse('not-a-binary', `The file is only ${size} bytes long, too short to be a shared object. ${plugin}`, {
      kind: 'too-short',
      size,
    });
  }
  const prefix = hexPrefix(bytes);
  return refuse(
    'not-a-binary',
    `The file is not in any executable format Quire recognises (it starts with bytes ${prefix}). ${plugin}`,
    { kind: 'unknown', firstBytes: prefix, size },
  );
}
