package kms_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"

	kmserrors "github.com/errcat/errcat/out/kms/go"
)

var repoRoot = filepath.Join("..", "..", "..")

// serve starts `errcat serve` (dist/ must be built) and returns its URL; it stops with the test.
func serve(t *testing.T, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH, so errcat serve cannot run")
	}
	cmd := exec.Command("node", append([]string{"bin/errcat.js", "serve", "--catalog", "catalog/kms.yaml", "--port", "0", "--exit-on-stdin-close"}, args...)...)
	cmd.Dir = repoRoot
	// serve stops when this pipe closes, even if the test process is killed.
	if _, err := cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "http://127.0.0.1:") {
		t.Fatalf("errcat serve printed %q (%v); stderr: %s", line, err, stderr.String())
	}
	return strings.TrimSpace(line)
}

// End to end: net/http against errcat serve, one request per positive fixture, through FromResponse.
func TestFromResponseAgainstServe(t *testing.T) {
	url := serve(t)
	count := 0
	for _, f := range loadFixtures(t) {
		if f.Kind != "positive" {
			continue
		}
		req, err := http.NewRequest(http.MethodPost, url+"/", strings.NewReader("\x0a\x03key"))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("x-errcat-fixture", f.ID)
		req.Header.Set("content-type", "application/x-protobuf")
		req.Header.Set("x-kms-apiname", "Encrypt")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		e := kmserrors.FromResponse(resp)
		resp.Body.Close()
		if got, want := concluded(e), expected(f.Expect); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s over HTTP: concluded\n %+v\nwant\n %+v", f.ID, got, want)
		}
		count++
	}
	t.Logf("%d positive fixtures over HTTP", count)
}

// The example of ERRORS.md's Go section compiles and runs against errcat serve.
func TestDocsExample(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(repoRoot, "out", "kms", "ERRORS.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile("(?s)\n## Handling these errors in Go\n.*?\n```go\n(.*?)\n```\n").FindSubmatch(page)
	if section == nil {
		t.Fatal("ERRORS.md has no Go example")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	dir := t.TempDir()
	pkg, err := filepath.Abs(filepath.Join(repoRoot, "out", "kms", "go"))
	if err != nil {
		t.Fatal(err)
	}
	goMod := "module example.test/docs\n\ngo 1.21\n\nrequire github.com/errcat/errcat/out/kms/go v0.0.0\n\nreplace github.com/errcat/errcat/out/kms/go => " + pkg + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), section[1], 0o644); err != nil {
		t.Fatal(err)
	}
	// The example prints "<code>, <placeholder>:" and the value for the code it matches: serve a fixture of that code with that placeholder.
	printed := regexp.MustCompile(`fmt\.Println\("([^"]+), (\w+):", params\.`).FindSubmatch(section[1])
	if printed == nil {
		t.Fatal("the example prints no parameter")
	}
	var served *fixture
	for _, f := range loadFixtures(t) {
		if _, has := f.Params[string(printed[2])]; has && f.Kind == "positive" && str(f.Code) == string(printed[1]) && served == nil {
			served = &f
		}
	}
	if served == nil {
		t.Fatalf("no fixture of code %s has the parameter %s", printed[1], printed[2])
	}
	scenario := filepath.Join(dir, "scenario.yaml")
	if err := os.WriteFile(scenario, []byte("steps:\n  - respond: { fixture: "+served.ID+" }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Not strict: the example shows error handling, not how to sign a request.
	url := serve(t, "--no-strict", "--scenario", scenario)
	vet := exec.Command("go", "vet", ".")
	vet.Dir = dir
	if out, err := vet.CombinedOutput(); err != nil {
		t.Fatalf("go vet on the example: %v\n%s", err, out)
	}
	run := exec.Command("go", "run", ".")
	run.Dir = dir
	run.Env = append(os.Environ(), "KMS_ENDPOINT="+url)
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	id := str(served.Expect.ID)
	for _, want := range []string{fmt.Sprintf("%s, %s: %s\n", printed[1], printed[2], served.Params[string(printed[2])]), id + " (request " + str(served.RequestID) + ")", "See ../ERRORS.md#" + id} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the example printed %q, without %q", out, want)
		}
	}
}
