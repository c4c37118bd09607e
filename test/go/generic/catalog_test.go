// An internal test of any generated Go package, copied into a copy of the package (its package clause
// rewritten) by test/go/run.sh: the table holds exactly what catalog.json says, byte for byte, and
// every entry's message formats, parses and classifies back to that entry.
package errcat

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

type jsonEntry struct {
	ID         string
	HTTPStatus int
	Code       *string
	Message    *string
	Segments   []struct{ Kind, Name, Text string }
	Meaning    string
	Fix        string
	KeyState   *string
	Fault      string
	Retryable  bool
}

func TestTableIsTheCatalog(t *testing.T) {
	text, err := os.ReadFile(os.Getenv("ERRCAT_CATALOG_JSON"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Codes []struct {
			Code    string
			Entries []string
		}
		Entries []jsonEntry
	}
	if err := json.Unmarshal(text, &c); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, g := range c.Codes {
		order = append(order, g.Entries...)
	}
	for _, e := range c.Entries {
		if e.Code == nil {
			order = append(order, e.ID)
		}
	}
	if len(table.entries) != len(c.Entries) {
		t.Fatalf("%d entries in the table, %d in catalog.json", len(table.entries), len(c.Entries))
	}
	for i, want := range order {
		if table.entries[i].id != want {
			t.Fatalf("entry %d is %q, want %q (match order)", i, table.entries[i].id, want)
		}
	}
	for _, e := range c.Entries {
		x := byID[e.ID]
		var parts, names []string
		if e.Message != nil {
			parts = []string{""}
			for _, s := range e.Segments {
				if s.Kind == "literal" {
					parts[len(parts)-1] += s.Text
				} else {
					parts, names = append(parts, ""), append(names, s.Name)
				}
			}
		}
		want := []any{e.HTTPStatus, deref(e.Code), parts, names, e.Meaning, e.Fix, deref(e.KeyState), Fault(e.Fault), e.Retryable}
		got := []any{x.httpStatus, x.code, nilIfEmpty(x.parts), nilIfEmpty(x.names), x.meaning, x.fix, x.keyState, x.fault, x.retryable}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the table holds %q, catalog.json %q", e.ID, got, want)
		}
		roundTrip(t, x)
	}
}

func roundTrip(t *testing.T, x *entry) {
	t.Helper()
	values := map[string]string{}
	for i, name := range x.names {
		values[name] = strings.Repeat("v", i+1) + "\n\"😀"
	}
	params, err := NewParams(x.id, values)
	if err != nil {
		t.Fatal(err)
	}
	message, err := FormatMessage(x.id, params)
	if err != nil {
		t.Fatal(err)
	}
	if x.code != "" {
		if id, got, ok := ParseMessage(x.code, message); !ok || id != x.id || !reflect.DeepEqual(ParamMap(got), nilIfNone(values)) {
			t.Fatalf("%s: %q parses to %q %v %v", x.id, message, id, ParamMap(got), ok)
		}
	}
	e := FromBody(x.httpStatus, EncodeWire(WireError{StatusCode: int32(x.httpStatus), ErrorCode: x.code, ErrorMessage: message, RequestID: "R"}), nil)
	if x.code != "" && (e.ID != x.id || e.Sentinel() != x.sentinel || e.Kind != KindCode) {
		t.Fatalf("%s: FromBody concluded %#v", x.id, e)
	}
	if x.code == "" && byStatus[x.httpStatus] == x && (e.ID != x.id || e.Kind != KindCodeless) {
		t.Fatalf("%s: FromBody without a code concluded %#v", x.id, e)
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func nilIfNone(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
