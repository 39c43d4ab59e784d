module quire.dev/json-tools

go 1.26
