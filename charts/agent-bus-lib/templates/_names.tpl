{{/*
Names and labels. Every template here takes the calling chart's root context (`.`).
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "agent-bus-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
<release>-<name>, or fullnameOverride; the release name alone when it already contains the name.
The umbrella chart computes a subchart's name with agent-bus-lib.fullnameOf, which must agree.
*/}}
{{- define "agent-bus-lib.fullname" -}}
{{- include "agent-bus-lib.fullnameOf" (dict "release" .Release.Name "chart" .Chart.Name "values" .Values) }}
{{- end }}

{{/*
The full name of a service chart from outside it: dict "release" <release name> "chart" <chart name>
"values" <that chart's values>.
*/}}
{{- define "agent-bus-lib.fullnameOf" -}}
{{- if .values.fullnameOverride }}
{{- .values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .chart .values.nameOverride }}
{{- if contains $name .release }}
{{- .release | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .release $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* name-version, as the helm.sh/chart label wants it. */}}
{{- define "agent-bus-lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The labels a selector matches: they never change over the life of a release. */}}
{{- define "agent-bus-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "agent-bus-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Every label of an object of this chart. */}}
{{- define "agent-bus-lib.labels" -}}
helm.sh/chart: {{ include "agent-bus-lib.chart" . }}
{{ include "agent-bus-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ include "agent-bus-lib.imageTag" . | trunc 63 | quote }}
app.kubernetes.io/component: service
app.kubernetes.io/part-of: agent-bus
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "agent-bus-lib.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "agent-bus-lib.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image tag: image.tag, then global.image.tag, then the chart's appVersion. */}}
{{- define "agent-bus-lib.imageTag" -}}
{{- .Values.image.tag | default .Values.global.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* <registry>/<owner>/agent-bus-<chart>[:tag|@digest], unless image.repository names it. */}}
{{- define "agent-bus-lib.image" -}}
{{- $repository := .Values.image.repository }}
{{- if not $repository }}
{{- $repository = printf "%s/%s/agent-bus-%s" .Values.global.image.registry .Values.global.image.owner .Chart.Name }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (include "agent-bus-lib.imageTag" .) }}
{{- end }}
{{- end }}
