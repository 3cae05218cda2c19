{{/*
The container environment: what every service reads (DESIGN §15), then the chart's `env` and
`secretEnv`. Names set here may not be repeated in `env` or `secretEnv` (values.schema.json of each
service chart lists only its app's other variables; the check below covers --set and -f files).
*/}}
{{- define "agent-bus-lib.managedEnvNames" -}}
HTTP_HOST HTTP_PORT NATS_URL BUS_NAMESPACE BUS_PROVISION BUS_STREAM_REPLICAS DATABASE_URL MIGRATIONS_RUN LOG_LEVEL SHUTDOWN_TIMEOUT_MS OTEL_TRACES_EXPORTER OTEL_EXPORTER_OTLP_ENDPOINT CHROMA_URL
{{- end }}

{{- define "agent-bus-lib.env" -}}
{{- $managed := splitList " " (include "agent-bus-lib.managedEnvNames" .) }}
{{- range $name, $_ := merge (deepCopy .Values.env) .Values.secretEnv }}
{{- if has $name $managed }}
{{- fail (printf "%s is set by the chart from its own values; remove it from env/secretEnv" $name) }}
{{- end }}
{{- end }}
{{- range $name, $_ := .Values.env }}
{{- if hasKey $.Values.secretEnv $name }}
{{- fail (printf "%s is in both env and secretEnv" $name) }}
{{- end }}
{{- end }}
- name: HTTP_HOST
  value: "0.0.0.0"
- name: HTTP_PORT
  value: {{ .Values.containerPort | quote }}
- name: NATS_URL
  value: {{ tpl .Values.global.nats.url . | quote }}
- name: BUS_NAMESPACE
  value: {{ .Values.global.busNamespace | quote }}
- name: BUS_PROVISION
  value: {{ .Values.busProvision | quote }}
- name: BUS_STREAM_REPLICAS
  value: {{ .Values.global.nats.streamReplicas | default 1 | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ tpl .Values.global.database.existingSecret . }}
      key: {{ .Values.global.database.secretKey }}
- name: MIGRATIONS_RUN
  value: {{ .Values.migrationsRun | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: SHUTDOWN_TIMEOUT_MS
  value: {{ .Values.shutdownTimeoutMs | quote }}
{{- with .Values.global.otel.tracesExporter }}
- name: OTEL_TRACES_EXPORTER
  value: {{ . | quote }}
{{- end }}
{{- with .Values.global.otel.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ tpl . $ | quote }}
{{- end }}
{{- if .Values.usesChroma }}
- name: CHROMA_URL
  value: {{ tpl .Values.global.chroma.url . | quote }}
{{- end }}
{{- range $name, $value := .Values.env }}
- name: {{ $name }}
  value: {{ tpl (toString $value) $ | quote }}
{{- end }}
{{- range $name, $ref := .Values.secretEnv }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ tpl $ref.secretName $ }}
      key: {{ $ref.key }}
      optional: {{ dig "optional" false $ref }}
{{- end }}
{{- end }}
