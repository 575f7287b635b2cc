#!/usr/bin/env bash
# Renders one of deploy/'s templates: every @NAME@ in TEMPLATE is replaced by the value
# of the variable NAME (from the environment, e.g. a sourced values file such as
# deploy/production.env). A placeholder without a value is an error, so a typo never
# ships a half-rendered config.
#   deploy/render.sh TEMPLATE > OUTPUT
set -euo pipefail
template=${1:?usage: render.sh TEMPLATE > OUTPUT}
text=$(<"$template")
missing=()
while [[ $text =~ @([A-Z][A-Z0-9_]*)@ ]]; do
  name=${BASH_REMATCH[1]}
  if [[ -z ${!name+set} ]]; then
    missing+=("$name")
    value="<missing:$name>"
  else
    value=${!name}
  fi
  text=${text//@"$name"@/$value}
done
if ((${#missing[@]} > 0)); then
  echo "render.sh: $template needs ${missing[*]}" >&2
  exit 1
fi
printf '%s\n' "$text"
