package plugin

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// goTool is the go command of the toolchain running this test.
func goTool(t *testing.T) string {
	t.Helper()
	if tool := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(tool) {
		return tool
	}
	tool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the go command is needed to build the test plugin")
	}
	return tool
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func run(t *testing.T, dir string, env []string, name string, args ...string) (string, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"GOTOOLCHAIN=local", "GOWORK=off", "CGO_ENABLED=1"}, env...)...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String(), stderr.String()
}

// buildTestPlugin makes a plugin project the way an author does — main.go, a go.mod whose
// replace points at this SDK, `go generate`, `go build -buildmode=c-shared` — and returns
// the project folder and the library.
func buildTestPlugin(t *testing.T) (string, string) {
	t.Helper()
	sdk, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	project := t.TempDir()
	source, err := os.ReadFile(filepath.Join("testdata", "sdkplugin", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	goMod := "module example.com/sdkplugin\n\ngo 1.22\n\nrequire quire.dev/plugin v0.0.0\n\nreplace quire.dev/plugin => " + sdk + "\n"
	for name, content := range map[string]string{"main.go": string(source), "go.mod": goMod} {
		if err := os.WriteFile(filepath.Join(project, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, project, nil, goTool(t), "generate")
	library := filepath.Join(project, "sdk-test.so")
	run(t, project, nil, goTool(t), "build", "-buildmode=c-shared", "-o", library, ".")
	return project, library
}

func isGoRuntimeExport(name string) bool {
	for _, prefix := range []string{"_cgo_", "_cgoexp_", "x_cgo_", "x_crosscall2_ptr", "crosscall"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return name == "fatalf"
}

const testManifest = "quire-manifest 1\nid=org.example.sdk-test\nname=SDK Test\nversion=2.3.4\ncapabilities=network\n"

const wantDriverOutput = `manifest:
` + testManifest + `struct_size=136 abi=1.1 capabilities=2 reserved=0 reserved2=0 init=1 shutdown=1
id=org.example.sdk-test
name=SDK Test
version=2.3.4
description=Exercises the Go SDK.
command uppercase | Test: Uppercase | Ctrl+Alt+U | run=1
command explode | Test: Explode |  | run=1
command refuse | Test: Refuse |  | run=1
command nothing | Test: Nothing |  | run=1
command log-from-a-goroutine | Test: Log From a Goroutine |  | run=1
format tidy | Tidy | formatter=1
  extensions: .tidy .td
  filenames: Tidyfile
  grammar={"tokenizer":{"root":[]}}
format plain-ish | Plain-ish | formatter=0
  extensions:
  filenames: PLAIN
  grammar=
linter todo | TODO finder | triggers=3 | lint=1
  languages: tidy plaintext
linter saves | On save only | triggers=1 | lint=1
  languages: plain-ish
-- init
host log 0: ready
returned 0
-- uppercase
struct_size=72 status=0 flags=0 reserved=0
message=Uppercased.
edit 4-10 text=HÉLLO
-- explode
struct_size=72 status=1 flags=0 reserved=0
message=SDK Test failed: the plugin's bug.
-- refuse
struct_size=72 status=1 flags=0 reserved=0
message=Nothing to do in an unsaved document.
-- nothing
NULL
-- log-from-a-goroutine
host log 1: from Quire's thread
NULL
-- not utf-8
struct_size=72 status=1 flags=0 reserved=0
message=SDK Test was given text that is not valid UTF-8.
-- formatter
struct_size=72 status=0 flags=1 reserved=0
message=
text=a\n
-- linter
struct_size=72 status=0 flags=0 reserved=0
message=
diagnostic 0-4 severity=2 reserved=0 code=todo
  message=Something is left to do.
diagnostic 9-13 severity=2 reserved=0 code=todo
  message=Something is left to do.
-- linter, nothing found
NULL
-- shutdown
host log 1: bye
`

func TestAPluginThroughTheCABI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a plugin with -buildmode=c-shared")
	}
	project, library := buildTestPlugin(t)

	// go generate wrote the manifest from the registered plugin.
	generated, err := os.ReadFile(filepath.Join(project, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := manifestSource(&Plugin{ID: "org.example.sdk-test", Name: "SDK Test", Version: "2.3.4", Capabilities: Network}); string(generated) != want {
		t.Fatalf("generated %s:\n%s\nwant:\n%s", ManifestFile, generated, want)
	}

	// The library exports the entry and the manifest, as Quire's inspector reads them, and
	// nothing else of the SDK's or the plugin's: what else it exports is the Go runtime's cgo
	// machinery, in every c-shared library.
	file, err := elf.Open(library)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	symbols, err := file.DynamicSymbols()
	if err != nil {
		t.Fatal(err)
	}
	var exported []string
	for _, symbol := range symbols {
		if symbol.Section != elf.SHN_UNDEF && !isGoRuntimeExport(symbol.Name) {
			exported = append(exported, symbol.Name)
			if symbol.Name == "quire_plugin_manifest" && (elf.ST_TYPE(symbol.Info) != elf.STT_OBJECT || symbol.Size != uint64(len(testManifest)+1)) {
				t.Errorf("quire_plugin_manifest is type %v, %d bytes; want an object of %d", elf.ST_TYPE(symbol.Info), symbol.Size, len(testManifest)+1)
			}
		}
	}
	slices.Sort(exported)
	if !slices.Equal(exported, []string{"quire_plugin_entry", "quire_plugin_manifest"}) {
		t.Errorf("exports %v", exported)
	}

	driver := filepath.Join(t.TempDir(), "driver")
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "cc"
	}
	run(t, ".", nil, cc, "-Wall", "-Werror", "-I", filepath.Join("..", "..", "include"), "-o", driver, filepath.Join("testdata", "driver.c"), "-ldl")

	stdout, stderr := run(t, ".", nil, driver, library)
	if stdout != wantDriverOutput {
		t.Errorf("the driver printed:\n%s\nwant:\n%s", stdout, wantDriverOutput)
	}
	// Not on Quire's thread: the goroutine's line went to stderr, which Quire logs too.
	if !strings.Contains(stderr, "from a goroutine\n") {
		t.Errorf("stderr: %q", stderr)
	}

	failed, _ := run(t, ".", []string{"SDK_TEST_FAIL_INIT=1"}, driver, library)
	if !strings.Contains(failed, "-- init\nhost log 3: The settings file is missing.\nreturned 1\n") {
		t.Errorf("a failing init printed:\n%s", failed)
	}
}
