"""The REPL on a real pseudo-terminal (pexpect): completion, history, Ctrl-C, Ctrl-D, and piped scripts.

Every wait is for a pattern on the screen or a terminal mode, never a fixed sleep; the only time bound is the hang
watchdog (WATCHDOG seconds, far beyond what a working run needs on a loaded machine).
"""
import subprocess
import termios
import time

import pexpect

PROMPT = r"msk-esm(?: \[[^\]]*\])?> "
UUID = "6d9bce8e-1111-4222-8333-444455556666"
# Catches hangs only: a minute, so that a slow, loaded machine never trips it.
WATCHDOG = 60


def start(binary, environment, *arguments):
    child = pexpect.spawn(binary, ["repl", *arguments], env=environment, encoding="utf-8", timeout=WATCHDOG,
                          dimensions=(40, 160))
    at_prompt(child)
    return child


def at_prompt(child, pattern=PROMPT):
    """Waits for the prompt and for libedit to put the terminal in raw mode.

    libedit may print the prompt a moment before it leaves cooked mode; a control character typed in that
    moment is handled by the terminal (Ctrl-D as an end-of-file that raw mode then drops), as it would be
    for a person typing that fast. Tests wait for the condition, bounded, rather than for a fixed time.
    """
    child.expect(pattern)
    wait_for_terminal(child, raw=True)


def wait_for_terminal(child, raw):
    """Waits until the terminal is in raw mode (libedit reads a line) or back in canonical mode (it returned the
    line, and the REPL runs it)."""
    deadline = time.monotonic() + WATCHDOG
    while bool(termios.tcgetattr(child.child_fd)[3] & termios.ICANON) == raw:
        if time.monotonic() > deadline:
            raise AssertionError(f"the REPL did not put the terminal in {'raw' if raw else 'canonical'} mode")
        time.sleep(0.005)


def test_completes_a_command_its_subcommand_and_an_option(binary, environment):
    child = start(binary, environment)
    # Each Tab completes a word; the completed line is then run, and its effect shows what was typed.
    for part in ["sec", "val", "--outp", "te"]:
        child.send(part)
        child.expect_exact(part[-2:])
        child.send("\t")
    child.sendline("/no/such/file.json")
    child.expect_exact("msk-esm: error: file not found (/no/such/file.json)")
    at_prompt(child)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    history = open(environment["MSK_ESM_HISTORY"], encoding="utf-8").read()
    assert "secret\\040validate\\040--output\\040text\\040/no/such/file.json" in history


def test_completes_a_learned_mapping_uuid(binary, environment):
    child = start(binary, environment)
    child.sendline(f"use {UUID}")
    at_prompt(child, r"\[6d9bce8e\]> ")
    child.sendline("unset")
    at_prompt(child)
    child.send("use 6d")
    child.expect_exact("6d")
    child.send("\t")
    child.sendline("")
    at_prompt(child, r"\[6d9bce8e\]> ")
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_history_is_saved_and_loaded_by_the_next_session(binary, environment):
    child = start(binary, environment)
    child.sendline("status")
    at_prompt(child)
    child.sendline("help secret")
    at_prompt(child)
    child.sendeof()
    child.expect(pexpect.EOF)

    child = start(binary, environment)
    child.send("\x1b[A")  # Up arrow recalls the last line of the previous session ...
    child.expect_exact("help secret")
    child.sendline("")  # ... and Enter runs it.
    child.expect_exact("USAGE: secret")  # in the REPL, usage is shown without msk-esm
    at_prompt(child)
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_a_line_with_a_secret_value_is_not_saved(binary, environment):
    child = start(binary, environment)
    child.sendline("secret validate --password CanaryPassw0rd! x.json")
    at_prompt(child)
    child.sendline("status")
    at_prompt(child)
    child.sendline("exit")
    child.expect(pexpect.EOF)
    text = open(environment["MSK_ESM_HISTORY"], encoding="utf-8").read()
    assert "CanaryPassw0rd" not in text
    assert "status" in text


def test_ctrl_c_cancels_a_running_command_and_returns_to_the_prompt(binary, environment):
    child = start(binary, environment)
    child.sendline("sleep 600")
    child.expect_exact("sleep 600\r\n")
    # libedit returned the line (the terminal is canonical again): the command is starting. A ^C in the instant
    # before the REPL watches for it is not counted, so press it again until the command reports the
    # interruption; only the watchdog (a minute, far shorter than the 600 s sleep) decides that it never came.
    wait_for_terminal(child, raw=False)
    deadline = time.monotonic() + WATCHDOG
    while True:
        child.sendintr()
        if child.expect(["interrupted", pexpect.TIMEOUT], timeout=0.2) == 0:
            break
        if time.monotonic() > deadline:
            raise AssertionError("Ctrl-C did not interrupt the command")
    at_prompt(child)
    child.sendline("status")
    child.expect(r"\r\n130\r\n")
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_ctrl_c_at_the_prompt_drops_the_line(binary, environment):
    child = start(binary, environment)
    child.send("half typed")
    child.expect_exact("half typed")
    child.sendintr()
    child.expect_exact("^C")
    at_prompt(child)
    child.sendline("status")
    child.expect(r"\r\n0\r\n")
    at_prompt(child)
    child.sendeof()
    child.expect(pexpect.EOF)


def test_ctrl_d_exits_zero(binary, environment):
    child = start(binary, environment)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_piped_script_runs_every_line_and_exits_with_the_last_failure(binary, environment, tmp_path):
    script = "\n".join([
        "# a comment line is ignored",
        "status",
        "secret validate /no/such/file.json",
        "status",
        f"use {UUID}",
        "help secret",
        "status",
    ]) + "\n"
    result = subprocess.run([binary, "repl"], input=script, capture_output=True, text=True, env=environment,
                            timeout=WATCHDOG)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "0"
    assert lines[1] == "2"
    assert "USAGE: secret <subcommand>" in result.stdout and "msk-esm secret" not in result.stdout
    assert lines[-1] == "0"
    assert "msk-esm>" not in result.stdout
    assert "\x1b[" not in result.stdout
    assert result.stderr.count("msk-esm: error: file not found (/no/such/file.json)") == 1


def test_piped_script_that_succeeds_exits_zero(binary, environment):
    result = subprocess.run([binary, "repl"], input="status\nunset\n", capture_output=True, text=True,
                            env=environment, timeout=WATCHDOG)
    assert result.returncode == 0
    assert result.stdout == "0\n"
