# Shared by scripts/setup and scripts/test (sourced, not run). Works on a stock Debian 12 machine:
# as root, or as a user with sudo; only python3 is assumed (there is no `python` command there).

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "需要 root 权限或 sudo 才能运行 / needs root or sudo to run: $*" >&2
    exit 2
  fi
}

# Installs the Debian packages named "probe:package" whose probe fails. A probe is a command name,
# an absolute path, or "python3:MODULE" (a module the system python3 must import).
need_debs() {
  local missing=() spec probe package
  for spec in "$@"; do
    probe=${spec%%:*} package=${spec#*:}
    case $probe in
      font-cjk) fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" && continue ;;
      py-*) python3 -c "import ${probe#py-}" 2>/dev/null && continue ;;
      /*) [ -x "$probe" ] && continue ;;
      *) command -v "$probe" >/dev/null && continue ;;
    esac
    missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "安装系统软件包 / installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# The project's own interpreter: a virtual environment, because Debian's pip refuses to install into
# the system python3 (PEP 668, "externally-managed-environment").
VENV=.venv
PY=$VENV/bin/python
