#include "app/cli.h"

int main(int argc, char** argv) { return ptdv::RunCli(argc, argv); }
