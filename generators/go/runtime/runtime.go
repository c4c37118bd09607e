// The part of a generated errcat Go package that does not depend on the catalog: the decoder of the
// wire Error message (no protobuf dependency), the Error type, the classification of HTTP responses,
// the message matcher and the bridge from the vendor SDK's error. The generated catalog.go installs
// the service's table of entries. This file is copied verbatim, below its package clause, into every
// generated package as runtime.go: edit it in errcat, never in a package.

package errcat

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind says how a response was classified.
type Kind uint8

const (
	// KindUnknown is a code the catalog does not list, or a response with nothing to classify it by.
	KindUnknown Kind = iota
	// KindCode is a body whose code the catalog lists.
	KindCode
	// KindCodeless is a response without a code whose HTTP status names the one entry that has it.
	KindCodeless
	// KindUndecodable is a body that is not an Error message, with no status to classify it by; Body keeps it.
	KindUndecodable
)

// String returns the kind as the conformance fixtures spell it: code, codeless, unknown or undecodable.
func (k Kind) String() string {
	switch k {
	case KindCode:
		return "code"
	case KindCodeless:
		return "codeless"
	case KindUndecodable:
		return "undecodable"
	default:
		return "unknown"
	}
}

// Fault says whose mistake an error is.
type Fault string

const (
	// FaultClient means the request is wrong: fix it before trying again.
	FaultClient Fault = "client"
	// FaultServer means the server failed.
	FaultServer Fault = "server"
)

// Sentinel is what errors.Is matches an *Error against: one per error code (such as
// ErrForbiddenKeyNotFound), one per entry without a code, and ErrUnknown, which matches every
// error the catalog does not classify, ErrUndecodable included.
type Sentinel struct {
	name string
	code string
	// The entries of this type in match order, and the traits they share (nil when they disagree); set by install.
	entries []*entry
	traits  *traits
}

// Error names the sentinel, e.g. "kms: Forbidden.KeyNotFound".
func (s *Sentinel) Error() string { return serviceName() + ": " + s.name }

// Code returns the error code of the sentinel's errors, or "" for an entry without a code and for ErrUnknown.
func (s *Sentinel) Code() string { return s.code }

// Name returns the code, or the entry id for an entry without a code, or "unknown" or "undecodable".
func (s *Sentinel) Name() string { return s.name }

// Is makes errors.Is(ErrUndecodable, ErrUnknown) true: an undecodable body is one kind of unknown error.
func (s *Sentinel) Is(target error) bool { return s == ErrUndecodable && target == ErrUnknown }

var (
	// ErrUnknown matches an error whose code the catalog does not list, or a response nothing classifies.
	ErrUnknown = &Sentinel{name: "unknown"}
	// ErrUndecodable matches a response whose body is not an Error message and whose status names no entry.
	// errors.Is(err, ErrUnknown) holds for these errors too.
	ErrUndecodable = &Sentinel{name: "undecodable"}
)

// Params holds the parameters of one catalog entry's message: the <Entry>Params struct of that entry.
// Use a type assertion or a type switch to read it.
type Params interface {
	entryID() string
	values() []string
	// from makes the same entry's Params from values in placeholder order.
	from(values []string) Params
}

// Error is an error response of the service, or a response that was not one. FromBody and
// FromResponse make it; errors.Is matches it against the sentinels and errors.As finds it in a chain.
type Error struct {
	// HTTPStatus is the HTTP status of the response; it wins over BodyStatusCode when they disagree.
	HTTPStatus int
	// Code is the ErrorCode in the body, or "" when the body had none.
	Code string
	// Message is the server's message, as sent ("" when there was none).
	Message string
	// RequestID is the RequestId in the body, or "".
	RequestID string
	// ID is the catalog entry (message variant) the code and message matched, or "".
	ID string
	// BodyStatusCode is the StatusCode in the body, or 0 when it had none.
	BodyStatusCode int32
	// Kind says how the response was classified.
	Kind Kind
	// Retryable says whether repeating the same request can succeed.
	Retryable bool
	// Fault says whose mistake the error is.
	Fault Fault
	// KeyState is the key state the error implies, or "".
	KeyState string
	// Meaning says what the error means, from the catalog ("" without an entry).
	Meaning string
	// Fix says how to fix it, from the catalog ("" without an entry).
	Fix string
	// Body is the raw body, kept when it was not an Error message (e.g. an HTML page from a proxy).
	Body []byte
	// Cause is why the body was not decoded, or nil; Unwrap returns it.
	Cause error

	sentinel *Sentinel
	entry    *entry
}

// Error returns "<service>: <code or HTTP status>: <message or meaning>".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(serviceName())
	b.WriteString(": ")
	if e.Code != "" {
		b.WriteString(e.Code)
	} else {
		b.WriteString("HTTP ")
		b.WriteString(strconv.Itoa(e.HTTPStatus))
	}
	text := e.Message
	if text == "" {
		text = e.Meaning
	}
	if text != "" {
		b.WriteString(": ")
		b.WriteString(text)
	}
	return b.String()
}

// Unwrap returns Cause: why the body could not be decoded, if it could not.
func (e *Error) Unwrap() error { return e.Cause }

// Is reports whether target is the sentinel of e's type, or ErrUnknown for an unclassified error.
func (e *Error) Is(target error) bool {
	s, ok := target.(*Sentinel)
	if !ok {
		return false
	}
	own := e.Sentinel()
	return own == s || (s == ErrUnknown && own == ErrUndecodable)
}

// Sentinel returns the sentinel of e's type, for a switch: ErrForbiddenKeyNotFound, ErrUnknown, ...
func (e *Error) Sentinel() *Sentinel {
	if e.sentinel != nil {
		return e.sentinel
	}
	// An Error made as a literal: its type follows from its code or entry.
	if s := byCode[e.Code]; s != nil {
		return s
	}
	if x := byID[e.ID]; x != nil {
		return x.sentinel
	}
	if e.Kind == KindUndecodable {
		return ErrUndecodable
	}
	return ErrUnknown
}

// Params returns the typed parameters of the message (such as KeyNotFoundInKeyStoreParams), parsed
// from Message on each call, or nil when no entry matched or the entry's message has none.
func (e *Error) Params() Params {
	x := e.entry
	if x == nil {
		x = byID[e.ID]
	}
	if x == nil || len(x.names) == 0 || x.params == nil {
		return nil
	}
	values := extract(x.parts, e.Message)
	if values == nil {
		return nil
	}
	return x.params.from(values)
}

// DocsBaseURL is where DocsURL points; "" means the generated ERRORS.md. Set it to where you publish that page.
var DocsBaseURL string

// DocsURL returns the link to the entry's section of the reference page (the page itself without an entry).
func (e *Error) DocsURL() string {
	base := DocsBaseURL
	if base == "" && table != nil {
		base = table.docs
	}
	if e.ID == "" {
		return base
	}
	return base + "#" + e.ID
}

// catalog is a service's table; the generated catalog.go installs it.
type catalog struct {
	service string
	docs    string
	wire    []wireField
	// In match order: each code's entries together, then the entries without a code.
	entries []entry
}

// The fields FromBody reads, by their role.
const (
	roleNone = iota
	roleStatusCode
	roleErrorCode
	roleErrorMessage
	roleRequestID
)

type wireField struct {
	number int32
	// A string field; otherwise int32.
	text bool
	role uint8
}

type entry struct {
	id         string
	sentinel   *Sentinel
	httpStatus int
	code       string
	// The message's literal text around its placeholders (one more than names); empty without a message.
	parts     []string
	names     []string
	retryable bool
	fault     Fault
	keyState  string
	meaning   string
	fix       string
	// A zero value of the entry's Params type; nil when the message has no placeholders.
	params Params
}

type traits struct {
	retryable bool
	fault     Fault
	keyState  string
}

var (
	table    *catalog
	byCode   map[string]*Sentinel
	byID     map[string]*entry
	byStatus map[int]*entry
	// Fields 1 to 15, by number, as an index into table.wire plus one (0: not a field of the message).
	smallFields [16]uint8
)

// install makes c the table every function of this package reads.
func install(c *catalog) {
	table = c
	byCode = map[string]*Sentinel{}
	byID = map[string]*entry{}
	byStatus = map[int]*entry{}
	shared := map[int]bool{}
	for i := range c.entries {
		c.entries[i].sentinel.entries, c.entries[i].sentinel.traits = nil, nil
	}
	for i := range c.entries {
		x := &c.entries[i]
		byID[x.id] = x
		s := x.sentinel
		s.entries = append(s.entries, x)
		if x.code != "" {
			byCode[x.code] = s
		}
		if _, seen := byStatus[x.httpStatus]; seen {
			shared[x.httpStatus] = true
		}
		byStatus[x.httpStatus] = x
	}
	for status := range shared {
		byStatus[status] = nil
	}
	done := map[*Sentinel]bool{}
	for i := range c.entries {
		s := c.entries[i].sentinel
		if done[s] {
			continue
		}
		done[s] = true
		first := s.entries[0]
		t := traits{first.retryable, first.fault, first.keyState}
		for _, x := range s.entries {
			if x.retryable != t.retryable || x.fault != t.fault || x.keyState != t.keyState {
				t.fault = ""
			}
		}
		if t.fault != "" {
			s.traits = &t
		}
	}
	smallFields = [16]uint8{}
	for i, f := range c.wire {
		if f.number > 0 && f.number < 16 {
			smallFields[f.number] = uint8(i + 1)
		}
	}
}

func serviceName() string {
	if table == nil {
		return "errcat"
	}
	return table.service
}

// Sentinels returns the sentinel of every error type of the catalog, codes first, in match order.
func Sentinels() []*Sentinel {
	var out []*Sentinel
	seen := map[*Sentinel]bool{}
	if table != nil {
		for i := range table.entries {
			if s := table.entries[i].sentinel; !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// maxBody is the most FromResponse reads of a body; a longer one is kept in part and not decoded.
const maxBody = 8 << 20

// FromResponse reads the body of an error response to its end (the caller still closes it) and
// classifies the response. It never panics and never returns nil.
func FromResponse(resp *http.Response) *Error {
	if resp == nil {
		return FromBody(0, nil, nil)
	}
	if resp.Body == nil {
		return FromBody(resp.StatusCode, nil, resp.Header)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err == nil && len(body) > maxBody {
		err = errors.New("the body is longer than " + strconv.Itoa(maxBody) + " bytes")
		body = body[:maxBody]
	}
	if err != nil {
		return safely(resp.StatusCode, func() *Error {
			e := &Error{HTTPStatus: resp.StatusCode, Cause: err}
			if len(body) > 0 {
				e.Body = body
			}
			classify(e, "", len(body) > 0)
			return e
		})
	}
	return FromBody(resp.StatusCode, body, resp.Header)
}

// FromBody classifies an error response from its status, body and headers (header may be nil).
// It never panics and never returns nil: a body that is empty, not protobuf, or carries a code the
// catalog does not know still gives an *Error to return, inspect and log.
func FromBody(status int, body []byte, header http.Header) *Error {
	return safely(status, func() *Error { return fromBody(status, body, header) })
}

// safely runs make, turning a panic (a bug in this package) into an unclassified error.
func safely(status int, make func() *Error) (e *Error) {
	defer func() {
		if r := recover(); r != nil {
			e = &Error{HTTPStatus: status, Cause: &recovered{r}}
			classify(e, "", false)
		}
	}()
	return make()
}

type recovered struct{ value any }

func (r *recovered) Error() string {
	return "errcat: recovered from a panic while classifying a response: " + describe(r.value)
}

func describe(v any) string {
	switch x := v.(type) {
	case error:
		return x.Error()
	case string:
		return x
	default:
		return reflect.TypeOf(v).String()
	}
}

func fromBody(status int, body []byte, header http.Header) *Error {
	e := &Error{HTTPStatus: status}
	var m scanned
	decoded := false
	if len(body) > 0 {
		if t, ok := contentType(header); ok && isText(t) {
			e.Cause = &DecodeError{Problem: "the body is " + t + ", not protobuf"}
		} else if err := m.read(body); err != nil {
			e.Cause = err
		} else {
			decoded = true
		}
	}
	code := ""
	keep := len(body) > 0
	if decoded {
		e.BodyStatusCode = m.status
		c, msg, rid := m.text[roleErrorCode], m.text[roleErrorMessage], m.text[roleRequestID]
		// One string holds every text field: one allocation, not three.
		lo, hi := len(body), 0
		for _, r := range [3][2]int{c, msg, rid} {
			if r[1] > r[0] {
				lo, hi = min(lo, r[0]), max(hi, r[1])
			}
		}
		if hi > lo {
			var known *Sentinel
			if c[1] > c[0] {
				known = byCode[string(body[c[0]:c[1]])]
			}
			text := string(body[lo:hi])
			cut := func(r [2]int) string {
				if r[1] > r[0] {
					return text[r[0]-lo : r[1]-lo]
				}
				return ""
			}
			if known != nil {
				code = known.code
			} else {
				code = cut(c)
			}
			e.Message, e.RequestID = cut(msg), cut(rid)
		}
		keep = code == "" && e.Message == "" && e.RequestID == "" && e.BodyStatusCode == 0
	}
	if keep {
		e.Body = bytes.Clone(body)
	}
	classify(e, code, keep)
	return e
}

// classify finds e's type and entry from its code, or from its HTTP status when it has none.
func classify(e *Error, code string, undecoded bool) {
	switch s := byCode[code]; {
	case code != "" && s != nil:
		e.Kind, e.sentinel, e.Code = KindCode, s, s.code
		e.entry = match(s.entries, e.Message)
	case code != "":
		e.Kind, e.sentinel, e.Code = KindUnknown, ErrUnknown, code
	default:
		if x := byStatus[e.HTTPStatus]; x != nil {
			e.Kind, e.sentinel = KindCodeless, x.sentinel
			if len(x.parts) == 0 || (e.Message == "" && len(x.names) == 0) || (e.Message != "" && fits(x, e.Message)) {
				e.entry = x
			}
		} else if undecoded {
			e.Kind, e.sentinel = KindUndecodable, ErrUndecodable
		} else {
			e.Kind, e.sentinel = KindUnknown, ErrUnknown
		}
	}
	if x := e.entry; x != nil {
		e.ID, e.Retryable, e.Fault, e.KeyState, e.Meaning, e.Fix = x.id, x.retryable, x.fault, x.keyState, x.meaning, x.fix
		return
	}
	if t := e.sentinel.traits; t != nil {
		e.Retryable, e.Fault, e.KeyState = t.retryable, t.fault, t.keyState
		return
	}
	// Unclassified: the statuses HTTP clients commonly treat as transient are retryable.
	switch e.HTTPStatus {
	case 429, 500, 502, 503, 504:
		e.Retryable = true
	}
	e.Fault = FaultClient
	if e.HTTPStatus >= 500 {
		e.Fault = FaultServer
	}
}

func contentType(header http.Header) (string, bool) {
	if header == nil {
		return "", false
	}
	if v, ok := header["Content-Type"]; ok && len(v) > 0 {
		return v[0], true
	}
	// A header map built by hand may not use canonical keys.
	for k, v := range header {
		if len(v) > 0 && strings.EqualFold(k, "content-type") {
			return v[0], true
		}
	}
	return "", false
}

// isText reports whether a content type starts with "text/", ignoring case and leading white space.
func isText(t string) bool {
	t = strings.TrimLeft(t, " \t\r\n\f\v")
	return len(t) >= 5 && strings.EqualFold(t[:5], "text/")
}

// match returns the first entry whose pattern matches the whole message, or nil.
func match(entries []*entry, message string) *entry {
	for _, x := range entries {
		if fits(x, message) {
			return x
		}
	}
	return nil
}

// fits reports whether a message is the entry's pattern with some values in its placeholders.
func fits(x *entry, m string) bool {
	switch len(x.parts) {
	case 0:
		return false
	case 1:
		return m == x.parts[0]
	case 2:
		head, tail := x.parts[0], x.parts[1]
		return len(m) >= len(head)+len(tail) && strings.HasPrefix(m, head) && strings.HasSuffix(m, tail)
	default:
		return extract(x.parts, m) != nil
	}
}

// extract returns the placeholder values of m, as a regex with greedy groups would take them, or nil
// when m does not fit the parts.
func extract(parts []string, m string) []string {
	last := len(parts) - 1
	if last <= 0 {
		return nil
	}
	head, tail := parts[0], parts[last]
	if len(m) < len(head)+len(tail) || !strings.HasPrefix(m, head) || !strings.HasSuffix(m, tail) {
		return nil
	}
	values := make([]string, last)
	if !walk(parts, m, 1, len(head), len(m)-len(tail), values) {
		return nil
	}
	return values
}

// walk fills values[k-1:] from m[from:end]: each placeholder takes as much as it can, left to right.
func walk(parts []string, m string, k, from, end int, values []string) bool {
	if k == len(parts)-1 {
		values[k-1] = m[from:end]
		return true
	}
	lit := parts[k]
	for limit := end; limit-from >= len(lit); {
		i := strings.LastIndex(m[from:limit], lit)
		if i < 0 {
			return false
		}
		i += from
		values[k-1] = m[from:i]
		if walk(parts, m, k+1, i+len(lit), end, values) {
			return true
		}
		limit = i + len(lit) - 1
	}
	return false
}

// ParseMessage finds the catalog entry of a code and message and parses the message's parameters;
// ok is false when the catalog has no such pair.
func ParseMessage(code, message string) (id string, params Params, ok bool) {
	s := byCode[code]
	if s == nil || code == "" {
		return "", nil, false
	}
	x := match(s.entries, message)
	if x == nil {
		return "", nil, false
	}
	if len(x.names) > 0 && x.params != nil {
		params = x.params.from(extract(x.parts, message))
	}
	return x.id, params, true
}

// FormatMessage returns the message the server sends for an entry, its placeholders filled from
// params (nil for an entry whose message has none; "" for an entry without a message).
func FormatMessage(id string, params Params) (string, error) {
	x := byID[id]
	if x == nil {
		return "", errors.New(serviceName() + ": FormatMessage: no entry " + strconv.Quote(id))
	}
	if len(x.names) == 0 {
		if params != nil {
			return "", errors.New(serviceName() + ": FormatMessage: " + id + " takes no parameters")
		}
		if len(x.parts) == 0 {
			return "", nil
		}
		return x.parts[0], nil
	}
	if params == nil || params.entryID() != id {
		return "", errors.New(serviceName() + ": FormatMessage: " + id + " needs its own Params struct")
	}
	values := params.values()
	var b strings.Builder
	b.WriteString(x.parts[0])
	for i, v := range values {
		b.WriteString(v)
		b.WriteString(x.parts[i+1])
	}
	return b.String(), nil
}

// NewParams makes an entry's Params from values by placeholder name (as the catalog names them,
// e.g. "keyStore"); every placeholder needs a value, and no other name may appear. It returns nil
// for an entry whose message has no placeholders.
func NewParams(id string, values map[string]string) (Params, error) {
	x := byID[id]
	if x == nil {
		return nil, errors.New(serviceName() + ": NewParams: no entry " + strconv.Quote(id))
	}
	ordered := make([]string, len(x.names))
	for i, name := range x.names {
		v, ok := values[name]
		if !ok {
			return nil, errors.New(serviceName() + ": NewParams: " + id + " needs the parameter " + name)
		}
		ordered[i] = v
	}
	if len(values) != len(x.names) {
		return nil, errors.New(serviceName() + ": NewParams: " + id + " takes only the parameters " + strings.Join(x.names, ", "))
	}
	if len(x.names) == 0 || x.params == nil {
		return nil, nil
	}
	return x.params.from(ordered), nil
}

// ParamMap returns params by placeholder name (as the catalog names them, e.g. "keyStore"); nil for nil.
func ParamMap(params Params) map[string]string {
	if params == nil {
		return nil
	}
	x := byID[params.entryID()]
	if x == nil {
		return nil
	}
	out := make(map[string]string, len(x.names))
	for i, v := range params.values() {
		out[x.names[i]] = v
	}
	return out
}

// FromVendorError turns an error of the vendor's SDK into an *Error without importing that SDK: it
// finds, in err's chain, a struct with the exported fields of *tea.SDKError (Code and Message, and
// Data holding JSON with httpCode and requestId) and classifies what they hold. ok is false when the
// chain has no such error (e.g. the SDK failed to decode the body itself). An *Error in the chain is
// returned as it is.
func FromVendorError(err error) (e *Error, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			e, ok = nil, false
		}
	}()
	for depth := 0; err != nil && depth < 100; depth++ {
		if mine, is := err.(*Error); is && mine != nil {
			return mine, true
		}
		if v, is := vendorFields(err); is {
			e := &Error{HTTPStatus: v.status, Message: v.message, RequestID: v.requestID}
			classify(e, v.code, false)
			return e, true
		}
		err = errors.Unwrap(err)
	}
	return nil, false
}

type vendorError struct {
	status                   int
	code, message, requestID string
}

func vendorFields(err error) (vendorError, bool) {
	var out vendorError
	v := reflect.ValueOf(err)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return out, false
	}
	v = v.Elem()
	code, hasCode := textField(v, "Code")
	message, hasMessage := textField(v, "Message")
	data, hasData := textField(v, "Data")
	if !hasCode || !hasMessage || !hasData {
		return out, false
	}
	out.code, out.message = code, message
	if f := v.FieldByName("StatusCode"); f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().CanInt() {
		out.status = int(f.Elem().Int())
	}
	var fields map[string]any
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	if data != "" && dec.Decode(&fields) == nil {
		switch c := fields["httpCode"].(type) {
		case json.Number:
			if n, err := strconv.Atoi(string(c)); err == nil {
				out.status = n
			}
		case string:
			if n, err := strconv.Atoi(c); err == nil {
				out.status = n
			}
		}
		if id, ok := fields["requestId"].(string); ok {
			out.requestID = id
		}
	}
	return out, true
}

// textField reads an exported field of type *string or string; a nil pointer reads as "".
func textField(v reflect.Value, name string) (string, bool) {
	f := v.FieldByName(name)
	if !f.IsValid() {
		return "", false
	}
	switch {
	case f.Kind() == reflect.String:
		return f.String(), true
	case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String:
		if f.IsNil() {
			return "", true
		}
		return f.Elem().String(), true
	}
	return "", false
}

// WireError holds the fields of the wire Error message that this package reads.
type WireError struct {
	// StatusCode is field 1, the HTTP status the body states, or 0 when it has none.
	StatusCode int32
	// ErrorCode is field 2, the service's error code, or "" when the body has none.
	ErrorCode string
	// ErrorMessage is field 3, the human-readable message.
	ErrorMessage string
	// RequestID is field 4, the server's ID for the request.
	RequestID string
}

// DecodeError says why a body is not a valid wire Error message.
type DecodeError struct {
	// Offset is the byte offset in the body where the problem is.
	Offset int
	// Problem says what is wrong.
	Problem string
}

// Error says what is wrong with the body and at which byte.
func (d *DecodeError) Error() string {
	return "cannot decode the error body: " + d.Problem + " (at byte " + strconv.Itoa(d.Offset) + ")"
}

// DecodeWire decodes a body as the wire Error message, as proto.Unmarshal does: unknown fields are
// skipped; a truncated field, a bad wire type, a bad field number or invalid UTF-8 in a string field
// is a *DecodeError.
func DecodeWire(body []byte) (WireError, error) {
	var m scanned
	if err := m.read(body); err != nil {
		return WireError{}, err
	}
	text := func(role int) string { return string(body[m.text[role][0]:m.text[role][1]]) }
	return WireError{StatusCode: m.status, ErrorCode: text(roleErrorCode), ErrorMessage: text(roleErrorMessage), RequestID: text(roleRequestID)}, nil
}

// EncodeWire encodes an Error message (for tests, mocks and servers); fields at their zero value are
// left out, as protobuf does.
func EncodeWire(w WireError) []byte {
	var out []byte
	if table == nil {
		return out
	}
	for _, f := range table.wire {
		switch f.role {
		case roleStatusCode:
			if w.StatusCode != 0 {
				out = appendVarint(appendVarint(out, uint64(f.number)<<3), uint64(int64(w.StatusCode)))
			}
		case roleErrorCode, roleErrorMessage, roleRequestID:
			s := [...]string{roleErrorCode: w.ErrorCode, roleErrorMessage: w.ErrorMessage, roleRequestID: w.RequestID}[f.role]
			if s != "" {
				out = appendVarint(appendVarint(out, uint64(f.number)<<3|2), uint64(len(s)))
				out = append(out, s...)
			}
		}
	}
	return out
}

func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// scanned is a decoded message: the StatusCode and the byte range of each text field, by role.
type scanned struct {
	status int32
	text   [roleRequestID + 1][2]int
}

const (
	maxFieldNumber = 1<<29 - 1
	// The nesting of groups protobuf's decoder accepts in a field it skips.
	groupDepth = 10000
)

// Problems a varint can have; the values are negative lengths.
const (
	varintTruncated = -1
	varintOverflow  = -2
)

// varint reads a varint of up to 10 bytes, as protowire.ConsumeVarint does; n < 0 is a problem.
func varint(b []byte) (v uint64, n int) {
	for i := 0; i < 10; i++ {
		if i >= len(b) {
			return 0, varintTruncated
		}
		c := b[i]
		if i == 9 {
			if c >= 2 {
				return 0, varintOverflow
			}
			return v | uint64(c)<<63, 10
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1
		}
	}
	return 0, varintOverflow
}

func varintProblem(n int) string {
	if n == varintOverflow {
		return "varint longer than 10 bytes"
	}
	return "truncated varint"
}

func (m *scanned) read(b []byte) error {
	*m = scanned{}
	var wire []wireField
	if table != nil {
		wire = table.wire
	}
	for i := 0; i < len(b); {
		start := i
		var tag uint64
		if c := b[i]; c < 0x80 {
			tag = uint64(c)
			i++
		} else {
			v, n := varint(b[i:])
			if n < 0 {
				return &DecodeError{start, varintProblem(n)}
			}
			tag, i = v, i+n
		}
		number, wireType := tag>>3, tag&7
		if number < 1 || number > maxFieldNumber {
			return &DecodeError{start, "field number out of range"}
		}
		if wireType == 4 {
			return &DecodeError{start, "end of a group that was not started"}
		}
		var f *wireField
		if number < 16 {
			if k := smallFields[number]; k > 0 {
				f = &wire[k-1]
			}
		} else {
			for k := range wire {
				if uint64(wire[k].number) == number {
					f = &wire[k]
				}
			}
		}
		switch {
		case f != nil && f.text && wireType == 2:
			size, n := varint(b[i:])
			if n < 0 {
				return &DecodeError{i, varintProblem(n)}
			}
			if size > uint64(len(b)-i-n) {
				return &DecodeError{i, "length past the end of the body"}
			}
			from, to := i+n, i+n+int(size)
			if !utf8.Valid(b[from:to]) {
				return &DecodeError{from, "invalid UTF-8 in a string field"}
			}
			m.text[f.role] = [2]int{from, to}
			i = to
		case f != nil && !f.text && wireType == 0:
			v, n := varint(b[i:])
			if n < 0 {
				return &DecodeError{i, varintProblem(n)}
			}
			if f.role == roleStatusCode {
				m.status = int32(v)
			}
			i += n
		default:
			// A field this message does not declare, or one sent with another wire type: skipped.
			n, problem := skip(b[i:], number, wireType, groupDepth)
			if n < 0 {
				return &DecodeError{start, problem}
			}
			i += n
		}
	}
	return nil
}

// skip returns the length of a field's value, as protowire.ConsumeFieldValue does, or -1 and the problem.
func skip(b []byte, number, wireType uint64, depth int) (int, string) {
	switch wireType {
	case 0:
		if _, n := varint(b); n < 0 {
			return -1, varintProblem(n)
		} else {
			return n, ""
		}
	case 1:
		if len(b) < 8 {
			return -1, "truncated fixed64 field"
		}
		return 8, ""
	case 5:
		if len(b) < 4 {
			return -1, "truncated fixed32 field"
		}
		return 4, ""
	case 2:
		size, n := varint(b)
		if n < 0 {
			return -1, varintProblem(n)
		}
		if size > uint64(len(b)-n) {
			return -1, "length past the end of the body"
		}
		return n + int(size), ""
	case 3:
		if depth < 0 {
			return -1, "groups nested too deep"
		}
		for i := 0; ; {
			tag, n := varint(b[i:])
			if n < 0 {
				return -1, varintProblem(n)
			}
			i += n
			inner, innerType := tag>>3, tag&7
			if inner < 1 || inner > 1<<31-1 {
				return -1, "field number out of range"
			}
			if innerType == 4 {
				if inner != number {
					return -1, "end of group does not match its start"
				}
				return i, ""
			}
			k, problem := skip(b[i:], inner, innerType, depth-1)
			if k < 0 {
				return -1, problem
			}
			i += k
		}
	case 4:
		return -1, "end of a group that was not started"
	default:
		return -1, "unexpected wire type " + strconv.FormatUint(wireType, 10)
	}
}
