module quire.dev/plugin

go 1.22
