#ifndef DEALRULES_CINTERRUPT_H
#define DEALRULES_CINTERRUPT_H

/// Installs a SIGINT handler (without SA_RESTART) that only records the
/// signal, so a blocking read such as readline() returns and the REPL can
/// abandon the current input instead of dying.
int dr_install_interrupt_handler(void);

/// 1 if SIGINT arrived since the last call; clears the flag.
int dr_take_interrupt(void);

#endif
