module {{go_package}}

go 1.22

require quire.dev/plugin v0.0.0

// Quire's plugin SDK, from the Quire this project was made with: nothing is downloaded. For
// another Quire, point this at its native/sdk/go.
replace quire.dev/plugin => "{{sdk_path}}"
