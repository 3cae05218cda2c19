{{/* The common part of a service chart's NOTES.txt. */}}
{{- define "agent-bus-lib.notes" -}}
{{- $name := include "agent-bus-lib.fullname" . -}}
{{- $port := .Values.service.port -}}
{{ .Chart.Name }} ({{ include "agent-bus-lib.image" . }}) is deployed as {{ $name }} in namespace {{ .Release.Namespace }}.

Wait for it:
  kubectl -n {{ .Release.Namespace }} rollout status deployment/{{ $name }}

Health and metrics on port {{ $port }}:
  kubectl -n {{ .Release.Namespace }} port-forward service/{{ $name }} {{ $port }}:{{ $port }}
  curl -s localhost:{{ $port }}/healthz   # the process is up
  curl -s localhost:{{ $port }}/readyz    # 503 names the link it waits for (NATS, Postgres{{ if .Values.usesChroma }}, Chroma{{ end }})
  curl -s localhost:{{ $port }}/metrics

It connects to NATS at {{ tpl .Values.global.nats.url . }} and reads DATABASE_URL from Secret
{{ tpl .Values.global.database.existingSecret . }} (key {{ .Values.global.database.secretKey }}); a pod that stays unready is
usually waiting for one of them: kubectl -n {{ .Release.Namespace }} logs deployment/{{ $name }}
{{- end }}
