// libedit through its readline-compatible header. Never include
// <readline/readline.h>: GNU readline's header may be installed too and
// would be picked silently while linking libedit.
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <editline/readline.h>
