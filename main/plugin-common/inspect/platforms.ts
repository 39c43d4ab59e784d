/**
 * The operating systems Quire loads plugins on, and what a plugin is on each: Linux loads ELF
 * shared objects (.so), macOS Mach-O dynamic libraries (.dylib), Windows PE DLLs (.dll). Every
 * other platform Node runs on is treated as Linux is: ELF, checked as for Linux.
 */
export type PluginOs = 'linux' | 'darwin' | 'win32';

export function pluginOsOf(platform: string): PluginOs {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

export const OS_NAMES: Record<PluginOs, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/** The file name ending of a plugin, which discovery looks for. */
export const PLUGIN_EXTENSIONS: Record<PluginOs, string> = { linux: '.so', darwin: '.dylib', win32: '.dll' };

/** The binary format each system's loader takes. */
export const BINARY_FORMATS: Record<PluginOs, 'elf' | 'mach-o' | 'pe'> = { linux: 'elf', darwin: 'mach-o', win32: 'pe' };

/** How to build a plugin there, in each supported language. */
export const BUILD_RECIPES: Record<PluginOs, string> = {
  linux: '`cc -shared -fPIC -o plugin.so plugin.c` (C/C++), crate-type = ["cdylib"] (Rust) or `go build -buildmode=c-shared` (Go)',
  darwin: '`cc -dynamiclib -o plugin.dylib plugin.c` (C/C++), crate-type = ["cdylib"] (Rust) or `go build -buildmode=c-shared -o plugin.dylib` (Go)',
  win32: '`cl /LD plugin.c` or `gcc -shared -o plugin.dll plugin.c` (C/C++), crate-type = ["cdylib"] (Rust) or `go build -buildmode=c-shared -o plugin.dll` (Go)',
};

/** Mach-O cputype per `process.arch` (mach/machine.h). */
export const MACH_O_CPUS: Record<string, number> = { x64: 0x01000007, arm64: 0x0100000c, ia32: 0x7, arm: 0xc };

/** PE/COFF Machine per `process.arch` (winnt.h IMAGE_FILE_MACHINE_*). */
export const PE_MACHINES: Record<string, number> = { x64: 0x8664, arm64: 0xaa64, ia32: 0x014c, arm: 0x01c4 };
