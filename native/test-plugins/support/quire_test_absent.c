/*
 * The helper library missing-library.so is linked against. The build compiles it into a
 * temporary folder and deletes it after linking, so it is never shipped next to the plugin.
 */
__attribute__((visibility("default"))) int quire_test_absent_answer(void) {
  return 42;
}
