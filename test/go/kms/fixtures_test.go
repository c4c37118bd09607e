// Tests of the generated KMS package (out/kms/go) against the language-neutral fixtures.
package kms_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// fixturesDir is out/kms/fixtures, from this folder.
var fixturesDir = filepath.Join("..", "..", "..", "out", "kms", "fixtures")

type fixture struct {
	ID         string            `json:"id"`
	Kind       string            `json:"kind"`
	HTTPStatus int               `json:"httpStatus"`
	Headers    map[string]string `json:"headers"`
	BodyBase64 []byte            `json:"bodyBase64"`
	Code       *string           `json:"code"`
	Message    *string           `json:"message"`
	RequestID  *string           `json:"requestId"`
	Params     map[string]string `json:"params"`
	Expect     expectation       `json:"expect"`
}

type expectation struct {
	Kind       string            `json:"kind"`
	Type       *catalogType      `json:"type"`
	Code       *string           `json:"code"`
	ID         *string           `json:"id"`
	Params     map[string]string `json:"params"`
	Message    string            `json:"message"`
	RequestID  *string           `json:"requestId"`
	HTTPStatus int               `json:"httpStatus"`
	Retryable  bool              `json:"retryable"`
	Fault      string            `json:"fault"`
	KeyState   *string           `json:"keyState"`
}

type catalogType struct {
	Code  string `json:"code"`
	Entry string `json:"entry"`
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(fixturesDir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		FormatVersion int       `json:"formatVersion"`
		Fixtures      []fixture `json:"fixtures"`
	}
	if err := json.Unmarshal(text, &index); err != nil {
		t.Fatal(err)
	}
	if index.FormatVersion != 3 || len(index.Fixtures) == 0 {
		t.Fatalf("index.json: formatVersion %d with %d fixtures", index.FormatVersion, len(index.Fixtures))
	}
	return index.Fixtures
}

func (f fixture) header() http.Header {
	h := http.Header{}
	for k, v := range f.Headers {
		h.Set(k, v)
	}
	return h
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
