package kms_test

import (
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	kmserrors "github.com/errcat/errcat/out/kms/go"
)

type catalogEntry struct {
	ID       string  `json:"id"`
	Code     *string `json:"code"`
	Message  *string `json:"message"`
	Segments []struct {
		Kind, Name, Text string
	} `json:"segments"`
}

func loadEntries(t *testing.T) []catalogEntry {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(fixturesDir, "..", "catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct{ Entries []catalogEntry }
	if err := json.Unmarshal(text, &c); err != nil {
		t.Fatal(err)
	}
	return c.Entries
}

// Each positive fixture's params format to the message the fixture sends, which parses back to them.
func TestFixtureMessagesRoundTrip(t *testing.T) {
	checked := 0
	for _, f := range loadFixtures(t) {
		if f.Kind != "positive" || f.Code == nil || f.Expect.ID == nil {
			continue
		}
		id := *f.Expect.ID
		params, err := kmserrors.NewParams(id, f.Params)
		if err != nil {
			t.Fatal(err)
		}
		message, err := kmserrors.FormatMessage(id, params)
		if err != nil || message != str(f.Message) {
			t.Fatalf("%s: FormatMessage = %q, %v; the fixture sends %q", f.ID, message, err, str(f.Message))
		}
		gotID, got, ok := kmserrors.ParseMessage(*f.Code, message)
		if !ok || gotID != id || !reflect.DeepEqual(kmserrors.ParamMap(got), nonNil(f.Params)) {
			t.Fatalf("%s: ParseMessage = %q, %v, %v", f.ID, gotID, kmserrors.ParamMap(got), ok)
		}
		checked++
	}
	if checked < 40 {
		t.Fatalf("only %d fixtures checked", checked)
	}
}

func nonNil(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// Property: random values format to a message that parses back to them, for every entry with a
// message, when no value holds the literal text after its placeholder (otherwise a placeholder
// takes as much as it can, and formatting the parse gives the same message).
func TestRandomValuesRoundTrip(t *testing.T) {
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("ERRCAT_FUZZ_SEED"), 10, 64); err == nil {
		seed = s
	}
	r := rand.New(rand.NewSource(seed))
	alphabet := []string{"a", "Z", " ", `"`, "'", "\n", "\r\n", "\\", "é", "鍵", "😀", "\u2028", ".", "<", ">", "%s", "\x00", `" in `, "is invalid."}
	for _, e := range loadEntries(t) {
		if e.Message == nil || e.Code == nil {
			continue
		}
		for run := 0; run < 200; run++ {
			values := map[string]string{}
			var stop []string
			for i, s := range e.Segments {
				if s.Kind != "placeholder" {
					continue
				}
				var b strings.Builder
				for n := r.Intn(12); n > 0; n-- {
					b.WriteString(alphabet[r.Intn(len(alphabet))])
				}
				values[s.Name] = b.String()
				if i+1 < len(e.Segments) {
					stop = append(stop, e.Segments[i+1].Text)
				}
			}
			params, err := kmserrors.NewParams(e.ID, values)
			if err != nil {
				t.Fatal(err)
			}
			message, err := kmserrors.FormatMessage(e.ID, params)
			if err != nil {
				t.Fatal(err)
			}
			id, got, ok := kmserrors.ParseMessage(*e.Code, message)
			if !ok {
				t.Fatalf("seed %d: %s: %q does not parse", seed, e.ID, message)
			}
			again, _ := kmserrors.FormatMessage(id, got)
			holdsStop := false
			for _, v := range values {
				for _, s := range stop {
					holdsStop = holdsStop || strings.Contains(v, s)
				}
			}
			if again != message || (!holdsStop && (id != e.ID || !reflect.DeepEqual(kmserrors.ParamMap(got), nonNil(values)))) {
				t.Fatalf("seed %d (ERRCAT_FUZZ_SEED): %s: %q parsed to %s %v, formats to %q", seed, e.ID, message, id, kmserrors.ParamMap(got), again)
			}
		}
	}
}
