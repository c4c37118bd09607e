// Tests of the generated KMS package against the vendor's Go SDK, which errcat serve answers.
package vendorsdk_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

var repoRoot = filepath.Join("..", "..", "..")
var fixturesDir = filepath.Join(repoRoot, "out", "kms", "fixtures")

type fixture struct {
	ID         string            `json:"id"`
	Kind       string            `json:"kind"`
	HTTPStatus int               `json:"httpStatus"`
	BodyBase64 []byte            `json:"bodyBase64"`
	Headers    map[string]string `json:"headers"`
	Code       *string           `json:"code"`
	Message    *string           `json:"message"`
	RequestID  *string           `json:"requestId"`
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(fixturesDir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var index struct{ Fixtures []fixture }
	if err := json.Unmarshal(text, &index); err != nil {
		t.Fatal(err)
	}
	return index.Fixtures
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// server is a running errcat serve; requests counts the requests it logged.
type server struct {
	host   string
	mu     sync.Mutex
	logged []string
	stop   func()
}

// requests stops serve (so that every log line is written) and returns how many requests it
// logged (one JSON line each).
func (s *server) requests() int {
	s.stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, line := range s.logged {
		if strings.HasPrefix(line, "{") {
			n++
		}
	}
	return n
}

// serve starts `errcat serve` with a scenario answering the given fixtures in order, once each,
// then the last one for ever.
func serve(t *testing.T, fixtureIDs ...string) *server {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH, so errcat serve cannot run")
	}
	var scenario strings.Builder
	scenario.WriteString("steps:\n")
	for i, id := range fixtureIDs {
		if i < len(fixtureIDs)-1 {
			scenario.WriteString("  - times: 1\n    respond: { fixture: " + id + " }\n")
		} else {
			scenario.WriteString("  - respond: { fixture: " + id + " }\n")
		}
	}
	file := filepath.Join(t.TempDir(), "scenario.yaml")
	if err := os.WriteFile(file, []byte(scenario.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "bin/errcat.js", "serve", "--catalog", "catalog/kms.yaml", "--port", "0", "--exit-on-stdin-close", "--log", "json", "--scenario", file)
	cmd.Dir = repoRoot
	if _, err := cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		lines := bufio.NewScanner(errPipe)
		for lines.Scan() {
			s.mu.Lock()
			s.logged = append(s.logged, lines.Text())
			s.mu.Unlock()
		}
	}()
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
			<-done
		})
	}
	t.Cleanup(s.stop)
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "http://") {
		t.Fatalf("errcat serve printed %q (%v); stderr: %q", line, err, s.logged)
	}
	s.host = strings.TrimPrefix(strings.TrimSpace(line), "http://")
	return s
}

func (s *server) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.logged, "\n")
}
