// Command regexbatch matches a batch with Go's regexp (RE2 syntax): a JSON list of {regex, input}
// on stdin; on stdout a JSON list with, per case, null (no match) or the named groups as an object.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
)

type matchCase struct {
	Regex string `json:"regex"`
	Input string `json:"input"`
}

func main() {
	var cases []matchCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "regexbatch: reading the cases:", err)
		os.Exit(2)
	}
	compiled := map[string]*regexp.Regexp{}
	answers := make([]map[string]string, len(cases))
	for i, c := range cases {
		re, ok := compiled[c.Regex]
		if !ok {
			var err error
			if re, err = regexp.Compile(c.Regex); err != nil {
				fmt.Fprintf(os.Stderr, "regexbatch: case %d: %v\n", i, err)
				os.Exit(1)
			}
			compiled[c.Regex] = re
		}
		m := re.FindStringSubmatch(c.Input)
		if m == nil {
			continue
		}
		groups := map[string]string{}
		for k, name := range re.SubexpNames() {
			if name != "" {
				groups[name] = m[k]
			}
		}
		answers[i] = groups
	}
	if err := json.NewEncoder(os.Stdout).Encode(answers); err != nil {
		fmt.Fprintln(os.Stderr, "regexbatch: writing the answers:", err)
		os.Exit(2)
	}
}
