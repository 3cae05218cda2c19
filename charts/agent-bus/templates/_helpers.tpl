{{/*
Names and labels of the bundled infrastructure. Each takes dict "root" <root context> "component"
<nats|postgresql|chroma>.
*/}}
{{- define "agent-bus.infraName" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "agent-bus.infraSelectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "agent-bus.infraLabels" -}}
helm.sh/chart: {{ include "agent-bus-lib.chart" .root }}
{{ include "agent-bus.infraSelectorLabels" . }}
app.kubernetes.io/component: infrastructure
app.kubernetes.io/part-of: agent-bus
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* A PersistentVolumeClaim template's spec from <component>.persistence. */}}
{{- define "agent-bus.pvcSpec" -}}
accessModes: [ReadWriteOnce]
{{- with .storageClassName }}
storageClassName: {{ . }}
{{- end }}
resources:
  requests:
    storage: {{ .size }}
{{- end }}

{{/* The Secret the services read DATABASE_URL from, when this chart makes it. */}}
{{- define "agent-bus.databaseSecretName" -}}
{{- tpl .Values.global.database.existingSecret . }}
{{- end }}

{{/* The gateway's Service name, as the gateway chart computes it. */}}
{{- define "agent-bus.gatewayHost" -}}
{{- include "agent-bus-lib.fullnameOf" (dict "release" .Release.Name "chart" "gateway" "values" .Values.gateway) }}
{{- end }}

{{/* The securityContext of a bundled container: non-root, read-only root, no capabilities. */}}
{{- define "agent-bus.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end }}
