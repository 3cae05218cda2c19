{{/*
A prometheus-operator ServiceMonitor for /metrics, when serviceMonitor.enabled. It is a toggle, not
a capability probe: with the CRD missing the install fails loudly instead of silently not scraping.
*/}}
{{- define "agent-bus-lib.serviceMonitor" -}}
{{- if .Values.serviceMonitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "agent-bus-lib.fullname" . }}
  labels:
    {{- include "agent-bus-lib.labels" . | nindent 4 }}
    {{- with .Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "agent-bus-lib.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ .Values.serviceMonitor.interval }}
      scrapeTimeout: {{ .Values.serviceMonitor.scrapeTimeout }}
{{- end }}
{{- end }}
