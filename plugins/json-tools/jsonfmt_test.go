package main

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestPrettyPrintKeepsLineBreaksAndFinalNewline(t *testing.T) {
	got, err := prettyPrint([]byte("{\"a\":[1,2],\"b\":{}}\r\n"), "", "\r\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "{\r\n  \"a\": [\r\n    1,\r\n    2\r\n  ],\r\n  \"b\": {}\r\n}\r\n"
	if string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestPrettyPrintContinuesLinesWithThePrefix(t *testing.T) {
	got, err := prettyPrint([]byte(`{"x":1}`), "    ", "\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n      \"x\": 1\n    }"; string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestMinifyKeepsSurroundingWhitespace(t *testing.T) {
	got, err := minify([]byte("  {\n  \"a\" : [ 1 , \"x y\" ]\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "  {\"a\":[1,\"x y\"]}\n"; string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestReformatReportsTheOffsetWithinTheRange(t *testing.T) {
	_, err := minify([]byte("\n\n{\"a\" 1}"))
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		t.Fatalf("want a SyntaxError, got %v", err)
	}
	text := []byte("\n\n{\"a\" 1}")
	if message := describe(err, text, 0); message != "This is not valid JSON: invalid character '1' after object key (line 3, column 6)." {
		t.Fatalf("got %q", message)
	}
}

func TestReformatRefusesWhitespace(t *testing.T) {
	if _, err := prettyPrint([]byte(" \n"), "", "\n"); !errors.Is(err, errNoJSON) {
		t.Fatalf("want errNoJSON, got %v", err)
	}
}

func TestFindSyntaxErrorMarksTheBadCharacter(t *testing.T) {
	text := []byte("{\"name\": \"é\",\n \"n\": é}")
	problem, found := findSyntaxError(text)
	if !found {
		t.Fatal("no problem found")
	}
	if got := string(text[problem.start:problem.end]); got != "é" {
		t.Fatalf("range covers %q (%d-%d), want \"é\"", got, problem.start, problem.end)
	}
	if problem.message != "Invalid character 'é' looking for beginning of value." {
		t.Fatalf("message %q", problem.message)
	}
}

func TestFindSyntaxErrorMarksTheEndWhenInputRunsOut(t *testing.T) {
	text := []byte("[1, 2")
	problem, found := findSyntaxError(text)
	if !found || problem.start != len(text) || problem.end != len(text) {
		t.Fatalf("got %+v, %v", problem, found)
	}
	if problem.message != "Unexpected end of JSON input." {
		t.Fatalf("message %q", problem.message)
	}
}

func TestFindSyntaxErrorAtTheLastByte(t *testing.T) {
	text := []byte("{}x")
	problem, found := findSyntaxError(text)
	if !found || problem.start != 2 || problem.end != 3 {
		t.Fatalf("got %+v, %v", problem, found)
	}
}

func TestFindSyntaxErrorIgnoresValidAndEmptyDocuments(t *testing.T) {
	for _, text := range []string{"", " \r\n", "{}", "[1, {\"a\": null}]\n"} {
		if problem, found := findSyntaxError([]byte(text)); found {
			t.Errorf("%q: unexpected %+v", text, problem)
		}
	}
}

func TestLineBreakFollowsTheFirstLine(t *testing.T) {
	cases := map[string]string{"a\r\nb\n": "\r\n", "a\nb\r\n": "\n", "ab": "\n", "\r\n": "\r\n"}
	for text, want := range cases {
		if got := lineBreak([]byte(text)); got != want {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

func TestLineIndent(t *testing.T) {
	text := []byte("{\n\t  \"a\": {\"b\": 1}\n}")
	if got := lineIndent(text, 10); got != "\t  " {
		t.Fatalf("got %q", got)
	}
}

func TestDescribeQuotesWholeCharacters(t *testing.T) {
	text := []byte("[1]\n[€]")
	_, err := minify(text[4:])
	if got := describe(err, text, 4); got != "This is not valid JSON: invalid character '€' looking for beginning of value (line 2, column 2)." {
		t.Fatalf("got %q", got)
	}
}
