#!/usr/bin/env bash
# One-step set-up and run for MLP Playground.
#
#   bash run.sh [app options]   set up, then open the window
#   bash run.sh test [pytest options]   set up, then run the whole test suite headless
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

packages=("${qt_libs[@]}")
[[ $mode == app ]] && packages+=("${window_libs[@]}")
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
if [[ ! -f $stamp_file || "$(cat "$stamp_file")" != "$stamp" ]]; then
  echo "run.sh: installing the project into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
  echo "$stamp" >"$stamp_file"
fi

if [[ $mode == test ]]; then
  export QT_QPA_PLATFORM=offscreen
  exec .venv/bin/python -m pytest "$@"
fi
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "run.sh: no display found; for a virtual one: xvfb-run -a bash run.sh" >&2
fi
exec .venv/bin/python main.py "$@"
