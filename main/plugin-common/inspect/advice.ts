/** Fix-it sentences shared by several refusals, so every message points authors at the same recipe. */

export const BUILD_RECIPE =
  '`cc -shared -fPIC -o plugin.so plugin.c` (C/C++), crate-type = ["cdylib"] (Rust) or `go build -buildmode=c-shared` (Go)';

export function rebuildOnLinux(hostArch: string): string {
  return `Rebuild it on Linux for ${hostArch}, e.g. ${BUILD_RECIPE}, or install the plugin's Linux ${hostArch} build.`;
}

export const WHAT_A_PLUGIN_IS = `Quire plugins are Linux shared objects (.so), built with ${BUILD_RECIPE}.`;
