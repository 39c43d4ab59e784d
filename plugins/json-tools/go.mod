module quire.dev/json-tools

go 1.26

require quire.dev/plugin v0.0.0

// The SDK lives in this repository (native/sdk/go): no download, no go.sum entry.
replace quire.dev/plugin => ../../native/sdk/go
