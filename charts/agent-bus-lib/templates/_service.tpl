{{/* The service's Service: port `http` in front of the container's HTTP_PORT. */}}
{{- define "agent-bus-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "agent-bus-lib.fullname" . }}
  labels:
    {{- include "agent-bus-lib.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "agent-bus-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
{{- end }}

{{/* The pods' ServiceAccount, when serviceAccount.create. */}}
{{- define "agent-bus-lib.serviceAccount" -}}
{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "agent-bus-lib.serviceAccountName" . }}
  labels:
    {{- include "agent-bus-lib.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountToken }}
{{- end }}
{{- end }}
