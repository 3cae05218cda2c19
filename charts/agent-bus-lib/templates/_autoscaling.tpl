{{/*
A HorizontalPodAutoscaler on CPU and/or a JetStream durable's backlog. The backlog is the
orchestrator's agent_bus_queue_depth{consumer=...} gauge, served to the HPA as an External metric by
an adapter (charts/README.md has a prometheus-adapter rule).
*/}}
{{- define "agent-bus-lib.hpa" -}}
{{- if .Values.autoscaling.enabled }}
{{- $scaling := .Values.autoscaling }}
{{- if and (eq (int $scaling.targetCPUUtilizationPercentage) 0) (not $scaling.queueDepth.enabled) }}
{{- fail "autoscaling.enabled needs targetCPUUtilizationPercentage > 0 or autoscaling.queueDepth.enabled" }}
{{- end }}
{{- if and $scaling.queueDepth.enabled (not $scaling.queueDepth.consumer) }}
{{- fail "autoscaling.queueDepth.consumer: name the durable whose backlog drives the scaling" }}
{{- end }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "agent-bus-lib.fullname" . }}
  labels:
    {{- include "agent-bus-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "agent-bus-lib.fullname" . }}
  minReplicas: {{ $scaling.minReplicas }}
  maxReplicas: {{ $scaling.maxReplicas }}
  metrics:
    {{- if gt (int $scaling.targetCPUUtilizationPercentage) 0 }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $scaling.targetCPUUtilizationPercentage }}
    {{- end }}
    {{- with $scaling.queueDepth }}
    {{- if .enabled }}
    - type: External
      external:
        metric:
          name: {{ .metricName }}
          selector:
            matchLabels:
              consumer: {{ .consumer }}
        target:
          type: AverageValue
          averageValue: {{ .averageValue | quote }}
    {{- end }}
    {{- end }}
  behavior:
    scaleDown:
      # A drained queue refills in bursts (a new project fans out); scale down slowly.
      stabilizationWindowSeconds: 300
{{- end }}
{{- end }}

{{/* A PodDisruptionBudget, when podDisruptionBudget.enabled. */}}
{{- define "agent-bus-lib.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "agent-bus-lib.fullname" . }}
  labels:
    {{- include "agent-bus-lib.labels" . | nindent 4 }}
spec:
  minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "agent-bus-lib.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}
