#!/usr/bin/env bash
# One-step set-up and run for MLP Playground.
#
#   bash run.sh [app options]   set up, then open the window
#   bash run.sh train|predict|lesson ...   set up, then run the headless command line
#   bash run.sh test [pytest options]   set up, then run the whole test suite headless
#
# Without a display the window opens on a virtual screen (Xvfb, installed when
# run as root) when --screenshot is given or the user agrees; otherwise run.sh
# says what to do instead of letting Qt abort.
#
# Set-up: installs missing Debian libraries when run as root (or prints the
# exact command otherwise), creates .venv and installs the project into it.
# A second run skips every step whose inputs have not changed.
set -euo pipefail
cd "$(dirname "$0")"

mode=app
if [[ "${1:-}" == "test" || "${1:-}" == "app" ]]; then
  mode=$1
  shift
fi
python=${PYTHON:-python3}

# Libraries Qt loads even offscreen, then the extra ones a real X11 window needs.
qt_libs=(libgl1 libegl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0)
window_libs=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
  libxkbcommon-x11-0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0)

need_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -eq 0 ]]; then
    echo "run.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "run.sh: missing system packages. Run this, then run.sh again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# The window's headless sub-commands and --help need no screen.
needs_window=0
if [[ $mode == app && ! " train predict lesson -h --help " =~ " ${1:-} " ]]; then
  needs_window=1
fi

packages=("${qt_libs[@]}")
[[ $needs_window == 1 ]] && packages+=("${window_libs[@]}")
# Debian's Python needs python3-venv to create virtual environments.
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
  ver=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  packages+=("python${ver}-venv")
fi
need_debian_packages "${packages[@]}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "run.sh: Python 3.11 or newer is needed; $("$python" --version) was found" >&2
  exit 1
fi

extras=""
[[ $mode == test ]] && extras="[test]"
stamp_file=.venv/.installed${extras:+-test}
stamp="$("$python" --version) $(sha256sum pyproject.toml | cut -c1-16)"
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
current() { [[ -f $1 && "$(cat "$1")" == "$stamp" ]]; }
# The test install includes everything the window needs.
if ! current "$stamp_file" && ! current .venv/.installed-test; then
  echo "run.sh: installing the project into .venv (log: .venv/install.log)" >&2
  if ! { .venv/bin/python -m pip install -q --upgrade pip &&
    .venv/bin/python -m pip install -q -e ".${extras}"; } >.venv/install.log 2>&1; then
    cat .venv/install.log >&2
    echo "run.sh: installing failed (the log is above and in .venv/install.log)" >&2
    exit 1
  fi
  echo "$stamp" >"$stamp_file"
fi

if [[ $mode == test ]]; then
  export QT_QPA_PLATFORM=offscreen
  exec .venv/bin/python -m pytest "$@"
fi
app=(.venv/bin/python main.py "$@")
# A local X display (":N") whose server is gone counts as none.
display=${DISPLAY:-}
if [[ $display =~ ^:([0-9]+) && ! -S /tmp/.X11-unix/X${BASH_REMATCH[1]} ]]; then
  echo "run.sh: no X server answers on DISPLAY=$display" >&2
  display=""
fi
if [[ $needs_window == 0 || -n "$display${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]]; then
  exec "${app[@]}"
fi
unset DISPLAY

# No screen: Qt would abort with a misleading message about xcb-cursor0. A window on
# a virtual screen (Xvfb) is invisible but can train and save --screenshot images.
virtual=0
for arg in "$@"; do
  [[ $arg == --screenshot || $arg == --screenshot=* ]] && virtual=1
done
if [[ $virtual == 0 && -t 0 && -t 2 ]]; then
  echo "run.sh: no display found." >&2
  read -r -p "Open the window on an invisible virtual screen anyway? [y/N] " answer
  [[ $answer == [yY]* ]] && virtual=1
fi
if [[ $virtual == 0 ]]; then
  cat >&2 <<'HELP'
run.sh: no display found, so the window cannot open.
  - On a desktop, run this in a terminal of the desktop session; over ssh, use ssh -X.
  - Without any screen, save a picture of the window instead (on a virtual screen):
      bash run.sh --preset spiral --screenshot spiral.png --after-epochs 300
  - Or run the tests, or train headless:
      bash run.sh test
      bash run.sh train --dataset spiral --epochs 300
HELP
  exit 2
fi
need_debian_packages xvfb xauth
echo "run.sh: opening the window on a virtual 1600x1000 screen" >&2
exec xvfb-run -a -s "-screen 0 1600x1000x24" "${app[@]}"
